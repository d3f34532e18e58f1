/*
 * Clinic website integration demo (no framework, no build step).
 * - GET  {api}/api/clinic-crm/price-table?locale=…&category=…  → the transparent price list
 * - POST {api}/api/clinic-crm/complaints                       → feedback / complaint intake
 * All text from the API is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';
  var API = (document.body.getAttribute('data-api') || '').replace(/\/$/, '');
  var LANGS = ['zh-Hant', 'zh-Hans', 'en'];
  var T = {
    'zh-Hant': {
      brand: '美麗診所', pricesTitle: '療程價目表', loading: '載入中…', feedbackTitle: '意見與申訴',
      feedbackIntro: '我們重視每一則意見。送出後您會收到案件編號，專人將於時限內與您聯繫。',
      name: '姓名', phone: '電話', email: '電子郵件', category: '類別', treatmentName: '療程名稱', treatmentDate: '療程日期',
      description: '請描述發生的情況', consent: '我同意診所就此案件與我聯繫。', submit: '送出', sending: '送出中…',
      footer: '本頁為 Clinic CRM 的示範網站頁面：價目資料即時取自 CRM 公開 API。',
      all: '全部', item: '項目', amount: '金額', addOns: '加購項目', packages: '療程套組', sessions: '堂', duration: '約 {n} 分鐘',
      recovery: '恢復期', risks: '可能風險', upcoming: '價格異動預告', from: '起', validOn: '價格適用日：{d}', validUntil: '此價格有效至 {d}',
      received: '已收到您的意見，案件編號：', failed: '無法送出，請稍後再試或致電診所。', fix: '請修正標示的欄位。', loadFailed: '價目表暫時無法載入，請稍後再試。',
      min: '最少 {n}',
      categories: { service_attitude: '服務態度', price_billing: '價格與收費', result_below_expectation: '效果不如預期', side_effect: '副作用/併發症', product_reaction: '產品過敏反應', hygiene_safety: '衛生與安全', privacy: '隱私', other: '其他' }
    },
    'zh-Hans': {
      brand: '美丽诊所', pricesTitle: '疗程价目表', loading: '加载中…', feedbackTitle: '意见与投诉',
      feedbackIntro: '我们重视每一条意见。提交后您会收到案件编号，专人将在时限内与您联系。',
      name: '姓名', phone: '电话', email: '电子邮件', category: '类别', treatmentName: '疗程名称', treatmentDate: '疗程日期',
      description: '请描述发生的情况', consent: '我同意诊所就此案件与我联系。', submit: '提交', sending: '提交中…',
      footer: '本页为 Clinic CRM 的示范网站页面：价目数据实时取自 CRM 公开 API。',
      all: '全部', item: '项目', amount: '金额', addOns: '加购项目', packages: '疗程套餐', sessions: '次', duration: '约 {n} 分钟',
      recovery: '恢复期', risks: '可能风险', upcoming: '价格变动预告', from: '起', validOn: '价格适用日：{d}', validUntil: '此价格有效至 {d}',
      received: '已收到您的意见，案件编号：', failed: '无法提交，请稍后再试或致电诊所。', fix: '请修正标示的字段。', loadFailed: '价目表暂时无法加载，请稍后再试。',
      min: '最少 {n}',
      categories: { service_attitude: '服务态度', price_billing: '价格与收费', result_below_expectation: '效果不如预期', side_effect: '副作用/并发症', product_reaction: '产品过敏反应', hygiene_safety: '卫生与安全', privacy: '隐私', other: '其他' }
    },
    en: {
      brand: 'Belle Clinic', pricesTitle: 'Treatment prices', loading: 'Loading…', feedbackTitle: 'Feedback and complaints',
      feedbackIntro: 'Every message matters. You will get a reference number, and a member of staff will contact you within our response time.',
      name: 'Name', phone: 'Phone', email: 'Email', category: 'Category', treatmentName: 'Treatment', treatmentDate: 'Treatment date',
      description: 'What happened?', consent: 'The clinic may contact me about this.', submit: 'Send', sending: 'Sending…',
      footer: 'Demo page of the clinic website: prices come live from the Clinic CRM public API.',
      all: 'All', item: 'Item', amount: 'Amount', addOns: 'Add-ons', packages: 'Course packages', sessions: 'sessions', duration: 'about {n} min',
      recovery: 'Recovery', risks: 'Possible risks', upcoming: 'Announced price changes', from: 'from', validOn: 'Prices valid on {d}', validUntil: 'This price is valid until {d}',
      received: 'Thank you. Your reference number: ', failed: 'Could not send. Please try again later or call the clinic.', fix: 'Please correct the marked fields.', loadFailed: 'The price list cannot be loaded right now.',
      min: 'minimum {n}',
      categories: { service_attitude: 'Service attitude', price_billing: 'Price / billing', result_below_expectation: 'Result below expectation', side_effect: 'Side effect / complication', product_reaction: 'Product reaction', hygiene_safety: 'Hygiene / safety', privacy: 'Privacy', other: 'Other' }
    }
  };

  var params = new URLSearchParams(location.search);
  var lang = LANGS.indexOf(params.get('lang')) >= 0 ? params.get('lang') : (navigator.language || '').toLowerCase().indexOf('zh-cn') === 0 ? 'zh-Hans' : 'zh-Hant';
  var category = params.get('category') || '';
  var allCategories = [];

  function t(key, vars) {
    var s = (T[lang] && T[lang][key]) || T.en[key] || key;
    if (vars) Object.keys(vars).forEach(function (k) { s = s.replace('{' + k + '}', vars[k]); });
    return s;
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-lang]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === lang)); });
    var select = document.getElementById('category-select');
    var chosen = select.value || 'other';
    select.textContent = '';
    Object.keys(T[lang].categories).forEach(function (k) { select.appendChild(el('option', { value: k, text: T[lang].categories[k] })); });
    select.value = chosen;
    document.title = t('pricesTitle') + ' · ' + t('brand');
  }

  function feeRows(items, tbody) {
    items.forEach(function (f) {
      var label = el('td', null, [el('span', { text: f.label }), f.note ? el('div', { class: 'kind', text: f.note }) : null]);
      var qty = f.minQuantity > 1 ? ' · ' + t('min', { n: f.minQuantity }) : '';
      tbody.appendChild(el('tr', { 'data-fee': f.code }, [label, el('td', { class: 'amount', text: f.formatted + ' / ' + f.unitLabel + qty })]));
    });
  }

  function renderTable(body) {
    var root = document.getElementById('price-table');
    root.textContent = '';
    var data = body.data;
    document.getElementById('price-note').textContent = body.meta.note;
    document.getElementById('price-valid').textContent = t('validOn', { d: data.priceValidOn });
    if (!category) allCategories = data.categories.map(function (c) { return { key: c.key, label: c.label }; });
    renderCategories();
    data.categories.forEach(function (c) {
      root.appendChild(el('h2', { class: 'category', id: 'cat-' + c.key, text: c.label }));
      c.treatments.forEach(function (tr) {
        var fees = el('tbody');
        feeRows(tr.feeItems, fees);
        var art = el('article', { class: 'treatment', 'data-slug': tr.slug }, [
          el('h3', null, [el('span', { text: tr.name }), el('span', { class: 'base', text: tr.basePriceFormatted + ' ' + t('from') })]),
          tr.summary ? el('p', { text: tr.summary }) : null,
          el('p', { class: 'meta', text: [tr.durationMinutes ? t('duration', { n: tr.durationMinutes }) : '', tr.recoveryPeriod ? t('recovery') + ':' + tr.recoveryPeriod : ''].filter(Boolean).join(' · ') }),
          tr.risksAndSideEffects ? el('p', { class: 'meta', text: t('risks') + ':' + tr.risksAndSideEffects }) : null,
          el('table', { class: 'fees' }, [el('thead', null, [el('tr', null, [el('th', { text: t('item') }), el('th', { text: t('amount') })])]), fees])
        ]);
        if (tr.addOns.length) {
          var addOns = el('tbody');
          feeRows(tr.addOns, addOns);
          art.appendChild(el('table', { class: 'fees addons' }, [el('thead', null, [el('tr', null, [el('th', { text: t('addOns') }), el('th')])]), addOns]));
        }
        if (tr.packages.length) {
          var pk = el('tbody');
          tr.packages.forEach(function (p) { pk.appendChild(el('tr', null, [el('td', { text: p.label + ' (' + p.sessions + ' ' + t('sessions') + ')' }), el('td', { class: 'amount', text: p.formatted })])); });
          art.appendChild(el('table', { class: 'fees packages' }, [el('thead', null, [el('tr', null, [el('th', { text: t('packages') }), el('th')])]), pk]));
        }
        if (tr.upcomingChanges.length) {
          art.appendChild(el('p', { class: 'upcoming', text: t('upcoming') + ':' + tr.upcomingChanges.map(function (u) { return u.label + ' ' + u.formatted + ' (' + u.effectiveFrom + ')'; }).join(';') }));
        }
        if (tr.priceValidUntil) art.appendChild(el('p', { class: 'meta', text: t('validUntil', { d: tr.priceValidUntil }) }));
        root.appendChild(art);
      });
    });
  }

  function renderCategories() {
    var nav = document.getElementById('categories');
    nav.textContent = '';
    [{ key: '', label: t('all') }].concat(allCategories).forEach(function (c) {
      var b = el('button', { type: 'button', 'data-category': c.key, 'aria-pressed': String(c.key === category), text: c.label });
      b.addEventListener('click', function () { category = c.key; load(); });
      nav.appendChild(b);
    });
  }

  function load() {
    var url = API + '/api/clinic-crm/price-table?locale=' + encodeURIComponent(lang) + (category ? '&category=' + encodeURIComponent(category) : '');
    return fetch(url, { headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(renderTable)
      .catch(function () { document.getElementById('price-table').textContent = t('loadFailed'); });
  }

  function showErrors(form, errors) {
    form.querySelectorAll('.field-error').forEach(function (n) { n.remove(); });
    form.querySelectorAll('.invalid').forEach(function (n) { n.classList.remove('invalid'); });
    errors.forEach(function (e) {
      var name = (e.path || [])[0];
      var input = name && form.elements[name];
      if (!input || !input.closest) return;
      input.classList.add('invalid');
      input.closest('label').appendChild(el('span', { class: 'field-error', 'data-error-for': name, text: e.message }));
    });
  }

  function submit(ev) {
    ev.preventDefault();
    var form = ev.target;
    var result = document.getElementById('form-result');
    var payload = { preferredLanguage: lang, consentToContact: form.elements.consentToContact.checked };
    ['name', 'phone', 'email', 'category', 'treatmentName', 'treatmentDate', 'description', 'website'].forEach(function (k) {
      var v = form.elements[k].value.trim();
      if (v !== '') payload[k] = v;
    });
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = t('sending');
    result.className = '';
    result.textContent = '';
    fetch(API + '/api/clinic-crm/complaints', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(payload) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (res) {
        if (res.status === 201) {
          showErrors(form, []);
          form.reset();
          result.className = 'ok';
          result.appendChild(el('span', { text: res.body.data.message + ' ' + t('received') }));
          result.appendChild(el('strong', { 'data-reference': res.body.data.referenceNumber, text: res.body.data.referenceNumber }));
        } else if (res.status === 400 && res.body.error) {
          showErrors(form, (res.body.error.details && res.body.error.details.errors) || []);
          result.className = 'bad';
          result.textContent = t('fix');
        } else {
          result.className = 'bad';
          result.textContent = (res.body.error && res.body.error.message) || t('failed');
        }
      })
      .catch(function () { result.className = 'bad'; result.textContent = t('failed'); })
      .then(function () { button.disabled = false; button.textContent = t('submit'); });
  }

  document.querySelectorAll('[data-lang]').forEach(function (b) {
    b.addEventListener('click', function () { lang = b.getAttribute('data-lang'); applyLanguage(); load(); });
  });
  document.getElementById('complaint-form').addEventListener('submit', submit);
  applyLanguage();
  load();
})();
