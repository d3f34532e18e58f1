import { Field, TextInput } from '@strapi/design-system';

/** A labelled text input with its hint and the server's error for that field shown beneath it. */
export const TextField = ({ name, label, value, onChange, error, required, hint, type = 'text' }: { name: string; label: string; value: string; onChange: (v: string) => void; error?: string; required?: boolean; hint?: string; type?: string }) => (
  <Field.Root name={name} error={error} required={required} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <TextInput type={type} value={value} onChange={(e: any) => onChange(e.target.value)} />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
