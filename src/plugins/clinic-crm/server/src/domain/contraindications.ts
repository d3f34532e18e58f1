/** Contraindications recorded on a treatment, matched against a client's structured health history. */
export const CONTRAINDICATIONS: Record<string, { 'zh-Hant': string; en: string }> = {
  pregnancy: { 'zh-Hant': '懷孕', en: 'pregnancy' },
  lactation: { 'zh-Hant': '哺乳中', en: 'breastfeeding' },
  isotretinoin_6m: { 'zh-Hant': '六個月內服用A酸(isotretinoin)', en: 'isotretinoin within 6 months' },
  anticoagulants: { 'zh-Hant': '服用抗凝血劑', en: 'anticoagulants' },
  active_skin_infection: { 'zh-Hant': '皮膚感染中', en: 'active skin infection' },
  keloid_history: { 'zh-Hant': '蟹足腫體質', en: 'history of keloids' },
  under_18: { 'zh-Hant': '未滿18歲且無監護人同意', en: 'under 18 without guardian consent' },
};

export interface HealthFlags {
  pregnancyStatus?: string | null;
  dateOfBirth?: string | null;
  isotretinoinLastTakenAt?: string | null;
  onAnticoagulants?: boolean | null;
  activeSkinInfection?: boolean | null;
  keloidHistory?: boolean | null;
  guardianConsent?: boolean | null;
}

const monthsBefore = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

const ageOn = (dob: string, today: string) => {
  const [y, m, d] = dob.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
};

/** The treatment's contraindications that this client's history matches, on the clinic-local date `today`. */
export const matchContraindications = (treatmentCodes: unknown, client: HealthFlags, today: string): string[] => {
  const codes = Array.isArray(treatmentCodes) ? treatmentCodes.filter((c): c is string => typeof c === 'string') : [];
  const hits: string[] = [];
  for (const code of codes) {
    const matched =
      (code === 'pregnancy' && client.pregnancyStatus === 'pregnant') ||
      (code === 'lactation' && client.pregnancyStatus === 'lactating') ||
      (code === 'isotretinoin_6m' && !!client.isotretinoinLastTakenAt && client.isotretinoinLastTakenAt >= monthsBefore(today, 6)) ||
      (code === 'anticoagulants' && client.onAnticoagulants === true) ||
      (code === 'active_skin_infection' && client.activeSkinInfection === true) ||
      (code === 'keloid_history' && client.keloidHistory === true) ||
      (code === 'under_18' && !!client.dateOfBirth && ageOn(client.dateOfBirth, today) < 18 && client.guardianConsent !== true);
    if (matched) hits.push(code);
  }
  return hits;
};
