import type { Core } from '@strapi/strapi';
import { getConfig } from '../core/plugin';
import { formatMoney } from '../pricing/domain/money';
import { resolveLanguage, type Language } from '../core/i18n/locales';
import { formatLocalDateTime } from '../core/time/time';
import { consentRecordRows } from './consent-record.repository';

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const LABELS: Record<Language, Record<string, string>> = {
  'zh-Hant': { title: '知情同意書', fees: '費用明細', item: '項目', qty: '數量', amount: '金額', total: '合計', signer: '簽署人', witness: '見證人員', signedAt: '簽署時間', version: '範本版本', hash: '內容雜湊（SHA-256）', override: '醫師禁忌症評估' },
  'zh-Hans': { title: '知情同意书', fees: '费用明细', item: '项目', qty: '数量', amount: '金额', total: '合计', signer: '签署人', witness: '见证人员', signedAt: '签署时间', version: '模板版本', hash: '内容哈希（SHA-256）', override: '医师禁忌症评估' },
  en: { title: 'Informed consent', fees: 'Fees', item: 'Item', qty: 'Qty', amount: 'Amount', total: 'Total', signer: 'Signed by', witness: 'Witness', signedAt: 'Signed at', version: 'Template version', hash: 'Content hash (SHA-256)', override: 'Doctor’s contraindication review' },
};

/**
 * The printable page of a signed consent, in the consent's language; null when there is no such
 * record. `showOverride`: the doctor's clinical reasoning only for roles that may read it (front
 * desk prints the client's copy without it).
 */
export const renderConsentPrint = async (strapi: Core.Strapi, documentId: string, showOverride: boolean): Promise<string | null> => {
  const r = await consentRecordRows(strapi).findOne({ documentId }, { populate: { witness: { select: ['fullName'] } } });
  if (!r) return null;
  const { timeZone, clinicName } = getConfig(strapi);
  const lang = resolveLanguage(r.language);
  const L = LABELS[lang];
  const snap = { lines: [], total: 0, currency: 'TWD', ...(r.priceSnapshot ?? {}) };
  const currency = snap.currency ?? 'TWD';
  const signedLocal = `${formatLocalDateTime(r.signedAt, timeZone)} (${timeZone})`;
  const rows = (snap.lines ?? [])
    .map((l) => `<tr><td>${escapeHtml(l.label)}</td><td class="n">${escapeHtml(l.quantity)}</td><td class="n">${escapeHtml(formatMoney(l.amount, currency, lang))}</td></tr>`)
    .join('');
  const override = r.contraindicationOverride && showOverride
    ? `<p class="override"><b>${L.override}:</b> ${escapeHtml(r.contraindicationOverride.doctorName)} — ${escapeHtml(r.contraindicationOverride.reason)}</p>`
    : '';
  const witness = r.witness && typeof r.witness === 'object' ? r.witness.fullName : null;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${L.title} · ${escapeHtml(r.signerName)}</title>
<style>body{font-family:'Noto Sans TC','PingFang TC','Microsoft JhengHei',sans-serif;max-width:760px;margin:2em auto;color:#111;line-height:1.7}
h1{font-size:1.5em;border-bottom:2px solid #333;padding-bottom:.3em}.text{white-space:pre-wrap}table{border-collapse:collapse;width:100%;margin:1em 0}
td,th{border:1px solid #999;padding:.3em .6em;text-align:left}.n{text-align:right}.meta{font-size:.9em;color:#333}.hash{font-family:monospace;font-size:.8em;word-break:break-all}
@media print{body{margin:0}}</style></head><body>
<h1>${escapeHtml(clinicName)} · ${L.title}</h1>
<div class="text">${escapeHtml(r.renderedText)}</div>
<h2>${L.fees}</h2><table><thead><tr><th>${L.item}</th><th>${L.qty}</th><th>${L.amount}</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th colspan="2">${L.total}</th><th class="n">${escapeHtml(formatMoney(snap.total ?? 0, currency, lang))}</th></tr></tfoot></table>
${override}
${r.signatureImage ? `<p><img class="signature" alt="${L.signer}" src="${escapeHtml(r.signatureImage)}" style="max-width:360px;border-bottom:1px solid #333"></p>` : ''}
<p class="meta">${L.signer}: ${escapeHtml(r.signerName)}<br>${L.witness}: ${escapeHtml(witness ?? '—')}<br>${L.signedAt}: ${escapeHtml(signedLocal)}<br>${L.version}: ${escapeHtml(r.templateKey)} v${escapeHtml(r.templateVersion)}</p>
<p class="meta">${L.hash}: <span class="hash">${escapeHtml(r.contentHash)}</span></p>
</body></html>`;
};
