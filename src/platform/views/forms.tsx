import type { ComponentChildren } from 'preact';

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly value?: string | number | null | undefined;
  readonly hint?: string;
  readonly required?: boolean;
  readonly type?: 'text' | 'email' | 'url' | 'tel' | 'password' | 'date' | 'number';
  readonly autoComplete?: string;
}

const idFor = (name: string) => `f-${name}`;

/** The label (with a required mark) and the hint that aria-describedby points to. */
function LabelAndHint({ name, label, hint, required }: Pick<FieldProps, 'name' | 'label' | 'hint' | 'required'>) {
  return (
    <>
      <label for={idFor(name)}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <div class="hint" id={`${idFor(name)}-hint`}>
          {hint}
        </div>
      ) : null}
    </>
  );
}

/** A labelled input; the hint is tied to it with aria-describedby for screen readers. */
export function TextField({ name, label, value, hint, required, type = 'text', autoComplete }: FieldProps) {
  return (
    <div class="field">
      <LabelAndHint name={name} label={label} hint={hint} required={required} />
      <input
        id={idFor(name)}
        name={name}
        type={type}
        value={value ?? ''}
        required={required}
        autoComplete={autoComplete}
        aria-describedby={hint ? `${idFor(name)}-hint` : undefined}
      />
    </div>
  );
}

export function TextArea({ name, label, value, hint, required, rows = 4 }: FieldProps & { rows?: number }) {
  return (
    <div class="field">
      <LabelAndHint name={name} label={label} hint={hint} required={required} />
      <textarea id={idFor(name)} name={name} rows={rows} required={required} aria-describedby={hint ? `${idFor(name)}-hint` : undefined}>
        {value ?? ''}
      </textarea>
    </div>
  );
}

/** The first option of a list filter: no restriction. */
export const ALL_OPTION = { value: '', label: '全部' } as const;

export function SelectField({
  name,
  label,
  value,
  options,
  required,
  hint,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  return (
    <div class="field">
      <LabelAndHint name={name} label={label} hint={hint} required={required} />
      <select id={idFor(name)} name={name} required={required} aria-describedby={hint ? `${idFor(name)}-hint` : undefined}>
        {options.map((o) => (
          <option value={o.value} selected={String(value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Numbered page links for list pages; keeps the other query parameters. */
export function Pager({ base, query, page, pageSize, total }: { base: string; query: Record<string, string>; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => `${base}?${new URLSearchParams({ ...query, page: String(p) }).toString()}`;
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 ? <a href={href(page - 1)}>上一页</a> : null}
      <span>
        第 {page} / {pages} 页，共 {total} 条
      </span>
      {page < pages ? <a href={href(page + 1)}>下一页</a> : null}
    </nav>
  );
}

/**
 * A wide table's scrolling box. It is focusable and labelled so keyboard users can scroll it
 * (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
