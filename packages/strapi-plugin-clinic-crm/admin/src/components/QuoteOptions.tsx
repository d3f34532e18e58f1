import { Box, Checkbox, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { money, useT } from '../utils/i18n';

export interface FeeItem {
  code: string;
  label: string;
  kind: 'included' | 'add_on';
  amount: number;
  unit: string;
  minQuantity?: number | null;
}
export interface CoursePackage {
  code: string;
  label: string;
  sessions: number;
  amount: number;
}
export interface Selection {
  addOns: Array<{ code: string; quantity: number }>;
  quantities: Record<string, number>;
  packageCode: string | null;
}

const COUNTED = new Set(['per_unit', 'per_area', 'per_syringe']);
export const emptySelection = (): Selection => ({ addOns: [], quantities: {}, packageCode: null });

/** The options a client chooses — units, add-ons, a course package — which the server prices. */
export const QuoteOptions = ({ feeItems, packages, value, onChange }: { feeItems: FeeItem[]; packages: CoursePackage[]; value: Selection; onChange: (s: Selection) => void }) => {
  const { t, locale } = useT();
  const counted = feeItems.filter((f) => f.kind === 'included' && COUNTED.has(f.unit));
  const addOns = feeItems.filter((f) => f.kind === 'add_on');
  const chosen = (code: string) => value.addOns.find((a) => a.code === code);
  const setAddOn = (f: FeeItem, on: boolean, quantity = f.minQuantity ?? 1) =>
    onChange({ ...value, addOns: on ? [...value.addOns.filter((a) => a.code !== f.code), { code: f.code, quantity }] : value.addOns.filter((a) => a.code !== f.code) });
  const unit = (f: FeeItem) => `${money(f.amount, locale)} / ${t(`unit.${f.unit}`, f.unit)}`;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {counted.map((f) => (
        <Field.Root key={f.code} name={`quantities.${f.code}`} hint={unit(f)}>
          <Field.Label>{f.label}</Field.Label>
          <NumberInput value={value.quantities[f.code] ?? f.minQuantity ?? 1} onValueChange={(v: number | undefined) => onChange({ ...value, quantities: { ...value.quantities, [f.code]: v ?? f.minQuantity ?? 1 } })} />
          <Field.Hint />
        </Field.Root>
      ))}
      {addOns.length ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {t('quote.addOns', 'Add-ons')}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
            {addOns.map((f) => (
              <Flex key={f.code} gap={3}>
                <Checkbox checked={Boolean(chosen(f.code))} onCheckedChange={(on: boolean) => setAddOn(f, on === true)}>
                  {f.label}（{unit(f)}）
                </Checkbox>
                {chosen(f.code) && COUNTED.has(f.unit) ? (
                  <Box width="120px">
                    <NumberInput aria-label={`${f.label} ×`} size="S" value={chosen(f.code)!.quantity} onValueChange={(v: number | undefined) => setAddOn(f, true, v ?? 1)} />
                  </Box>
                ) : null}
              </Flex>
            ))}
          </Flex>
        </Box>
      ) : null}
      {packages.length ? (
        <Field.Root name="packageCode">
          <Field.Label>{t('quote.package', 'Course package')}</Field.Label>
          <SingleSelect value={value.packageCode ?? '-'} onChange={(v: any) => onChange({ ...value, packageCode: v === '-' ? null : String(v) })}>
            <SingleSelectOption value="-">{t('quote.single', 'Single session')}</SingleSelectOption>
            {packages.map((p) => (
              <SingleSelectOption key={p.code} value={p.code}>
                {p.label}（{p.sessions} × · {money(p.amount, locale)}）
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      ) : null}
    </Flex>
  );
};
