/**
 * The fields of a site (register and settings forms share them): agency, name, address, schedule,
 * and the crawl settings the CLI has as options (docs/inspection.md). A refused save shows the
 * visitor's own input again; checkboxes come back as '1' or ''.
 */
import type { InspectionSiteRow } from '../../platform/db/schema.js';
import { SelectField, TextArea, TextField } from '../../platform/views/forms.js';
import { siteOptionsSchema, type SiteOptions } from '../service.js';

export type SiteFormValues = Readonly<Record<string, string | undefined>>;

const asValues = (agency: string, o: SiteOptions, rest: { name: string; url: string; everyDays: number }): Record<string, string> => ({
  agency,
  name: rest.name,
  url: rest.url,
  everyDays: String(rest.everyDays),
  maxPages: String(o.maxPages),
  maxDepth: String(o.maxDepth),
  concurrency: String(o.concurrency),
  delayMs: String(o.delayMs),
  timeoutSeconds: String(o.timeoutSeconds),
  retries: String(o.retries),
  include: o.include,
  exclude: o.exclude.join('\n'),
  ignoreRobots: o.ignoreRobots ? '1' : '',
  checkExternal: o.checkExternal ? '1' : '',
});

/** The register form's starting values: the default settings, no schedule (manual until someone sets one). */
export function blankSiteValues(): Record<string, string> {
  return asValues('', siteOptionsSchema.parse({}), { name: '', url: '', everyDays: 0 });
}

export function siteValues(site: Pick<InspectionSiteRow, 'name' | 'url' | 'everyDays'>, agencyCode: string, options: SiteOptions): Record<string, string> {
  return asValues(agencyCode, options, site);
}

function Check({ name, label, hint, checked }: { name: string; label: string; hint: string; checked: boolean }) {
  const id = `f-${name}`;
  return (
    <div class="check">
      <input type="checkbox" id={id} name={name} value="1" checked={checked} aria-describedby={`${id}-hint`} />
      <label for={id}>
        {label}
        <span class="hint" id={`${id}-hint`}>
          {' '}
          {hint}
        </span>
      </label>
    </div>
  );
}

export function SiteFields({ values, agencies }: { values: SiteFormValues; agencies: readonly { code: string; name: string }[] }) {
  const v = (k: string) => values[k] ?? '';
  return (
    <>
      <SelectField name="agency" label="主办机关" required value={v('agency')} options={[{ value: '', label: '请选择' }, ...agencies.map((a) => ({ value: a.code, label: a.name }))]} />
      <TextField name="name" label="网站名称" required value={v('name')} hint="如：岚江市人民政府门户网站" />
      <TextField name="url" label="网址（首页）" type="url" required value={v('url')} hint="http:// 或 https:// 开头，如 https://www.lanjiang.gov.cn/" />
      <TextField name="everyDays" label="检查周期（天）" type="number" value={v('everyDays')} hint="每隔几天自动检查一次；0 表示不自动检查，只在点击“立即检查”时检查" />
      <fieldset>
        <legend>抓取设置</legend>
        <TextField name="maxPages" label="最多抓取页面数" type="number" value={v('maxPages')} />
        <TextField name="maxDepth" label="最大链接深度" type="number" value={v('maxDepth')} />
        <TextField name="concurrency" label="并发请求数" type="number" value={v('concurrency')} />
        <TextField name="delayMs" label="对本站两次请求的最小间隔（毫秒）" type="number" value={v('delayMs')} hint="robots.txt 的 Crawl-delay 更长时从之" />
        <TextField name="timeoutSeconds" label="单次请求超时（秒）" type="number" value={v('timeoutSeconds')} hint="指标以 15 秒为限" />
        <TextField name="retries" label="网络错误和 5xx 的重试次数" type="number" value={v('retries')} />
        <TextField name="include" label="只抓取此路径下的页面" value={v('include')} hint="路径前缀，默认 / 即全站" />
        <TextArea name="exclude" label="不抓取的地址（正则表达式，每行一条）" rows={3} value={v('exclude')} />
        <Check name="checkExternal" label="检查指向其他网站的链接" hint="每个外部链接只请求一次" checked={v('checkExternal') === '1'} />
        <Check name="ignoreRobots" label="不遵守 robots.txt" hint="仅限检查本机关自己的网站" checked={v('ignoreRobots') === '1'} />
      </fieldset>
    </>
  );
}
