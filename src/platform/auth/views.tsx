import { ROLE_LABELS, ROLES, type Role } from './model.js';
import { CsrfField, ErrorSummary, PublicLayout, StaffLayout } from '../views/layout.js';
import { SelectField, TextField, TableWrap } from '../views/forms.js';
import type { PageContext } from '../views/page-context.js';

export function LoginPage({ ctx, problems, login, next }: { ctx: PageContext; problems?: readonly string[]; login?: string; next: string }) {
  return (
    <PublicLayout ctx={ctx} title="工作人员登录" crumbs={[{ label: '工作人员登录' }]}>
      <h1>工作人员登录</h1>
      <p>本入口仅供各机构政务公开工作人员使用。公众查阅信息无需登录。</p>
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/login" class="stack narrow">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={next} />
        <TextField name="login" label="登录名" value={login} required autoComplete="username" />
        <TextField name="password" label="密码" type="password" required autoComplete="current-password" />
        <button type="submit">登录</button>
      </form>
      <p class="muted">连续多次输入错误密码，账号将被暂时锁定。忘记密码请联系本单位管理员重置。</p>
    </PublicLayout>
  );
}

export function PasswordPage({ ctx, problems, done }: { ctx: PageContext; problems?: readonly string[]; done?: boolean }) {
  return (
    <StaffLayout ctx={ctx} title="修改密码">
      <h1>修改密码</h1>
      {done ? (
        <p class="notice" role="status">
          密码已修改，其他设备上的登录已退出。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action="/staff/account" class="stack narrow">
        <CsrfField ctx={ctx} />
        <TextField name="currentPassword" label="当前密码" type="password" required autoComplete="current-password" />
        <TextField
          name="newPassword"
          label="新密码"
          type="password"
          required
          autoComplete="new-password"
          hint="至少10位，包含大写字母、小写字母、数字、符号中的至少三类"
        />
        <button type="submit">保存新密码</button>
      </form>
    </StaffLayout>
  );
}

export interface UserListItem {
  readonly login: string;
  readonly displayName: string;
  readonly agencyName: string;
  readonly roles: readonly Role[];
  readonly disabled: number;
  readonly lockedUntil: string | null;
  readonly lastLoginAt: string | null;
}

export function UserListPage({ ctx, users, now }: { ctx: PageContext; users: readonly UserListItem[]; now: string }) {
  return (
    <StaffLayout ctx={ctx} title="账号">
      <h1>账号</h1>
      <p>
        <a class="button" href="/staff/users/new">
          新建账号
        </a>
      </p>
      <TableWrap label="账号列表">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">登录名</th>
              <th scope="col">姓名</th>
              <th scope="col">单位</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              <th scope="col">最近登录</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>
                  <a href={`/staff/users/${u.login}`}>{u.login}</a>
                </td>
                <td>{u.displayName}</td>
                <td>{u.agencyName}</td>
                <td>{u.roles.map((r) => ROLE_LABELS[r]).join('、')}</td>
                <td>
                  {u.disabled ? (
                    <span class="badge warn">已停用</span>
                  ) : u.lockedUntil && u.lockedUntil > now ? (
                    <span class="badge warn">已锁定</span>
                  ) : (
                    <span class="badge ok">正常</span>
                  )}
                </td>
                <td>{u.lastLoginAt ? u.lastLoginAt.slice(0, 16).replace('T', ' ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </StaffLayout>
  );
}

function RoleChecks({ selected, grantable }: { selected: readonly string[]; grantable: readonly Role[] }) {
  return (
    <fieldset>
      <legend>角色</legend>
      {ROLES.filter((r) => grantable.includes(r)).map((r) => (
        <div class="check">
          <input type="checkbox" id={`role-${r}`} name="roles" value={r} checked={selected.includes(r)} />
          <label for={`role-${r}`}>{ROLE_LABELS[r]}</label>
        </div>
      ))}
    </fieldset>
  );
}

export interface UserFormProps {
  readonly ctx: PageContext;
  readonly agencies: readonly { id: number; name: string }[];
  readonly grantable: readonly Role[];
  readonly values: Record<string, string | string[] | undefined>;
  readonly problems?: readonly string[];
  /** Set when editing an existing account. */
  readonly existing?: { login: string; locked: boolean };
}

export function UserFormPage({ ctx, agencies, grantable, values, problems, existing }: UserFormProps) {
  const v = (k: string) => {
    const value = values[k];
    return typeof value === 'string' ? value : '';
  };
  const roles = Array.isArray(values.roles) ? values.roles : values.roles ? [values.roles] : [];
  return (
    <StaffLayout ctx={ctx} title={existing ? `账号：${existing.login}` : '新建账号'}>
      <h1>{existing ? `账号：${existing.login}` : '新建账号'}</h1>
      {ctx.query.saved === '1' ? (
        <p class="notice" role="status">
          已保存。
        </p>
      ) : null}
      <ErrorSummary problems={problems} />
      <form method="post" action={existing ? `/staff/users/${existing.login}` : '/staff/users'} class="stack narrow">
        <CsrfField ctx={ctx} />
        {existing ? null : <TextField name="login" label="登录名" value={v('login')} required hint="3–32位小写字母、数字或 . _ -，以字母开头" />}
        <TextField name="displayName" label="姓名" value={v('displayName')} required />
        {existing ? <TextField name="email" label="电子邮箱" type="email" value={v('email')} autoComplete="off" hint="用于每日待办提醒邮件；留空则只在工作台显示" /> : null}
        {existing ? null : (
          <SelectField name="agencyId" label="所属单位" value={v('agencyId')} required options={agencies.map((a) => ({ value: String(a.id), label: a.name }))} />
        )}
        <RoleChecks selected={roles} grantable={grantable} />
        {existing ? (
          <>
            <div class="check">
              <input type="checkbox" id="f-disabled" name="disabled" value="1" checked={v('disabled') === '1'} />
              <label for="f-disabled">停用此账号</label>
            </div>
            {existing.locked ? (
              <div class="check">
                <input type="checkbox" id="f-unlock" name="unlock" value="1" />
                <label for="f-unlock">解除登录锁定</label>
              </div>
            ) : null}
            <TextField name="newPassword" label="重置密码（不修改请留空）" type="password" autoComplete="new-password" />
          </>
        ) : (
          <TextField name="password" label="初始密码" type="password" required autoComplete="new-password" hint="至少10位，包含至少三类字符" />
        )}
        <button type="submit">保存</button>
      </form>
    </StaffLayout>
  );
}
