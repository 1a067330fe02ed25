/**
 * Form pieces for the request page, which carries many small forms at once: every field id is
 * prefixed with its form's key so labels and hints stay tied to the right input (the shared
 * TextField uses `f-<name>`, which would repeat across forms).
 */
import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/views/page-context.js';

export type FormValues = Readonly<Record<string, string | undefined>>;

/** A refused action: which form, why, and what was typed (shown again in that form). */
export interface FormError {
  readonly form: string;
  readonly problems: readonly string[];
  readonly values: FormValues;
}

interface FieldProps {
  readonly form: string;
  readonly name: string;
  readonly label: string;
  readonly value?: string | number | null | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean | undefined;
}

const idOf = (form: string, name: string) => `${form}-${name}`;

function Label({ form, name, label, hint, required }: FieldProps) {
  return (
    <>
      <label for={idOf(form, name)}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <div class="hint" id={`${idOf(form, name)}-hint`}>
          {hint}
        </div>
      ) : null}
    </>
  );
}

const describedBy = (p: FieldProps) => (p.hint ? `${idOf(p.form, p.name)}-hint` : undefined);

export function Input(p: FieldProps & { type?: 'text' | 'date' | 'number'; min?: number; max?: number }) {
  return (
    <div class="field">
      <Label {...p} />
      <input id={idOf(p.form, p.name)} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''} required={p.required} min={p.min} max={p.max} aria-describedby={describedBy(p)} />
    </div>
  );
}

export function Area(p: FieldProps & { rows?: number }) {
  return (
    <div class="field">
      <Label {...p} />
      <textarea id={idOf(p.form, p.name)} name={p.name} rows={p.rows ?? 3} required={p.required} aria-describedby={describedBy(p)}>
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export interface OptionGroup {
  readonly label: string;
  readonly options: readonly { value: string; label: string }[];
}

/** A select with plain options, or with <optgroup>s when `groups` is given. */
export function Select(p: FieldProps & { options?: readonly { value: string; label: string }[]; groups?: readonly OptionGroup[]; blank?: string }) {
  const current = String(p.value ?? '');
  const option = (o: { value: string; label: string }) => (
    <option value={o.value} selected={current === o.value}>
      {o.label}
    </option>
  );
  return (
    <div class="field">
      <Label {...p} />
      <select id={idOf(p.form, p.name)} name={p.name} required={p.required} aria-describedby={describedBy(p)}>
        {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
        {(p.options ?? []).map(option)}
        {(p.groups ?? []).map((g) => (
          <optgroup label={g.label}>{g.options.map(option)}</optgroup>
        ))}
      </select>
    </div>
  );
}

export function Check({ form, name, label, checked }: { form: string; name: string; label: string; checked: boolean }) {
  return (
    <div class="check">
      <input type="checkbox" id={idOf(form, name)} name={name} value="1" checked={checked} />
      <label for={idOf(form, name)}>{label}</label>
    </div>
  );
}

/** What a field of `form` shows: the refused input when this form was refused, else `fallback`. */
export function valueIn(error: FormError | undefined, form: string) {
  return (name: string, fallback = ''): string => (error?.form === form ? (error.values[name] ?? '') : fallback);
}

export interface ActionFormProps {
  readonly ctx: PageContext;
  readonly requestId: number;
  /** the form's key: its URL suffix and the prefix of its field ids */
  readonly form: string;
  readonly action: string;
  readonly title: string;
  readonly intro?: ComponentChildren;
  readonly submit: string;
  readonly error: FormError | undefined;
  readonly children?: ComponentChildren;
  readonly multipart?: boolean;
  readonly secondary?: boolean;
}

/** One action of the request page: heading, the problems of its last refusal, fields and button. */
export function ActionForm({ ctx, requestId, form, action, title, intro, submit, error, children, multipart, secondary }: ActionFormProps) {
  const refused = error?.form === form;
  return (
    <section class="rqs-action" id={`act-${form}`} aria-labelledby={`act-${form}-title`}>
      <h3 id={`act-${form}-title`}>{title}</h3>
      {intro ? <div class="hint">{intro}</div> : null}
      {refused ? <ErrorSummary problems={error.problems} /> : null}
      <form method="post" action={`/staff/requests/${requestId}/${action}`} class="stack" enctype={multipart ? 'multipart/form-data' : undefined}>
        <CsrfField ctx={ctx} />
        {children}
        <button type="submit" class={secondary ? 'secondary' : undefined}>
          {submit}
        </button>
      </form>
    </section>
  );
}
