import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

export interface Choice {
  value: string;
  label: string;
}

/** A labelled select with its hint and the server's error for that field shown beneath it. */
export const SelectField = ({
  name,
  label,
  value,
  onChange,
  options,
  error,
  required,
  hint,
  placeholder,
  disabled,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Choice[];
  error?: string;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  disabled?: boolean;
}) => (
  <Field.Root name={name} error={error} required={required} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect value={value || undefined} placeholder={placeholder} disabled={disabled} onChange={(v: any) => onChange(String(v))}>
      {options.map((o) => (
        <SingleSelectOption key={o.value} value={o.value}>
          {o.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
