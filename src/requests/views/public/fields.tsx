/**
 * Form controls of the application form, each with its label, its help text and its own error
 * message tied to it by aria-describedby, and aria-invalid when refused (WCAG 1.3.1, 3.3.1, 3.3.2).
 * Ids follow the platform's `f-<name>` so the error summary can link to them.
 */
import type { ComponentChildren } from 'preact';
import type { FieldProblems } from './problems.js';

export type FormValues = Readonly<Record<string, string | undefined>>;

interface Common {
  readonly name: string;
  readonly label: string;
  readonly values: FormValues;
  readonly problems: FieldProblems;
  readonly hint?: ComponentChildren;
  readonly required?: boolean;
}

const idFor = (name: string) => `f-${name}`;

/** The ids that describe a control: its hint, then its error. */
function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${idFor(name)}-hint` : '', error ? `${idFor(name)}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ name, label, required, forId }: { name: string; label: string; required?: boolean | undefined; forId?: string }) {
  return (
    <label for={forId ?? idFor(name)}>
      {label}
      {required ? <span class="rq-required">（必填）</span> : <span class="rq-optional">（选填）</span>}
    </label>
  );
}

function Hint({ name, hint }: { name: string; hint: ComponentChildren }) {
  return hint ? (
    <div class="hint" id={`${idFor(name)}-hint`}>
      {hint}
    </div>
  ) : null;
}

export function FieldError({ name, problems }: { name: string; problems: FieldProblems }) {
  const list = problems[name];
  if (!list || list.length === 0) return null;
  return (
    <p class="rq-error" id={`${idFor(name)}-error`}>
      <span class="visually-hidden">错误：</span>
      {list.join('；')}
    </p>
  );
}

interface InputProps extends Common {
  readonly type?: 'text' | 'email' | 'tel';
  readonly autoComplete?: string;
  readonly inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  readonly maxLength?: number;
  readonly spellcheck?: boolean;
}

export function Input({ name, label, values, problems, hint, required, type = 'text', autoComplete, inputMode, maxLength, spellcheck }: InputProps) {
  const invalid = (problems[name]?.length ?? 0) > 0;
  return (
    <div class={invalid ? 'field rq-invalid' : 'field'}>
      <Label name={name} label={label} required={required} />
      <Hint name={name} hint={hint} />
      <FieldError name={name} problems={problems} />
      <input
        id={idFor(name)}
        name={name}
        type={type}
        value={values[name] ?? ''}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        spellcheck={spellcheck}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(name, Boolean(hint), invalid)}
      />
    </div>
  );
}

export function Area({ name, label, values, problems, hint, required, rows = 5, maxLength }: Common & { rows?: number; maxLength?: number }) {
  const invalid = (problems[name]?.length ?? 0) > 0;
  return (
    <div class={invalid ? 'field rq-invalid' : 'field'}>
      <Label name={name} label={label} required={required} />
      <Hint name={name} hint={hint} />
      <FieldError name={name} problems={problems} />
      <textarea
        id={idFor(name)}
        name={name}
        rows={rows}
        required={required}
        maxLength={maxLength}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(name, Boolean(hint), invalid)}
      >
        {values[name] ?? ''}
      </textarea>
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function Select({ name, label, values, problems, hint, required, options, children }: Common & { options?: readonly Option[]; children?: ComponentChildren }) {
  const invalid = (problems[name]?.length ?? 0) > 0;
  return (
    <div class={invalid ? 'field rq-invalid' : 'field'}>
      <Label name={name} label={label} required={required} />
      <Hint name={name} hint={hint} />
      <FieldError name={name} problems={problems} />
      <select id={idFor(name)} name={name} required={required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy(name, Boolean(hint), invalid)}>
        {options?.map((o) => (
          <option value={o.value} selected={(values[name] ?? '') === o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}

/** One radio button with its label; ids are `f-<name>-<value>`. */
export function Radio({ name, option, values, invalid, describedById }: { name: string; option: Option; values: FormValues; invalid: boolean; describedById?: string | undefined }) {
  const id = `${idFor(name)}-${option.value}`;
  return (
    <div class="check">
      <input
        type="radio"
        id={id}
        name={name}
        value={option.value}
        checked={values[name] === option.value}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedById}
      />
      <label for={id}>{option.label}</label>
    </div>
  );
}

/** A radio group in a fieldset whose legend is the question; the hint and error describe the group. */
export function RadioGroup({ name, label, values, problems, hint, required, options, children }: Common & { options: readonly Option[]; children?: ComponentChildren }) {
  const invalid = (problems[name]?.length ?? 0) > 0;
  const described = describedBy(name, Boolean(hint), invalid);
  return (
    <fieldset class={invalid ? 'rq-radios rq-invalid' : 'rq-radios'} aria-describedby={described}>
      <legend>
        {label}
        {required ? <span class="rq-required">（必填）</span> : null}
      </legend>
      <Hint name={name} hint={hint} />
      <FieldError name={name} problems={problems} />
      {options.map((o) => (
        <Radio name={name} option={o} values={values} invalid={invalid} />
      ))}
      {children}
    </fieldset>
  );
}

/** A single checkbox (value 1) with its label, hint and error. */
export function Checkbox({ name, label, values, problems, hint, required }: Common) {
  const invalid = (problems[name]?.length ?? 0) > 0;
  const checked = ['1', 'on', 'true'].includes(values[name] ?? '');
  return (
    <div class={invalid ? 'field rq-invalid' : 'field'}>
      <FieldError name={name} problems={problems} />
      <div class="check">
        <input
          type="checkbox"
          id={idFor(name)}
          name={name}
          value="1"
          checked={checked}
          required={required}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy(name, Boolean(hint), invalid)}
        />
        <label for={idFor(name)}>{label}</label>
      </div>
      <Hint name={name} hint={hint} />
    </div>
  );
}
