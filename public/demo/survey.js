/* Satisfaction survey page: reads the single-use token from the URL fragment, posts it in the body. */
(function () {
  'use strict';
  var API = (document.body.getAttribute('data-api') || '').replace(/\/$/, '');
  var T = {
    'zh-Hant': { title: '滿意度調查', intro: '關於「{s}」，您的滿意程度如何？', scores: ['非常不滿意', '不滿意', '普通', '滿意', '非常滿意'], comment: '想告訴我們的話（選填）', submit: '送出', thanks: '謝謝您的回覆！', invalid: '此調查連結無效：可能已使用過或已過期。', fix: '請選擇一個分數。', failed: '無法送出，請稍後再試。' },
    'zh-Hans': { title: '满意度调查', intro: '关于“{s}”，您的满意程度如何？', scores: ['非常不满意', '不满意', '一般', '满意', '非常满意'], comment: '想告诉我们的话（选填）', submit: '提交', thanks: '谢谢您的回复！', invalid: '此调查链接无效：可能已使用过或已过期。', fix: '请选择一个分数。', failed: '无法提交，请稍后再试。' },
    en: { title: 'Satisfaction survey', intro: 'How satisfied are you with “{s}”?', scores: ['Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'], comment: 'Anything you would like to tell us (optional)', submit: 'Send', thanks: 'Thank you for your answer!', invalid: 'This survey link is not valid: it may have been used already or have expired.', fix: 'Please choose a score.', failed: 'Could not send. Please try again later.' }
  };
  var token = decodeURIComponent((location.hash || '').slice(1));
  history.replaceState(null, '', location.pathname); // keep the token out of the history and of any shared URL
  var lang = 'zh-Hant';
  var t = function (k) { return (T[lang] || T['zh-Hant'])[k]; };
  var msg = document.getElementById('message');
  var post = function (path, body) {
    return fetch(API + '/api/clinic-crm/surveys/' + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; }); });
  };
  post('lookup', { token: token }).then(function (res) {
    if (res.status !== 200) { msg.textContent = t('invalid'); return; }
    lang = res.body.data.language || 'zh-Hant';
    document.documentElement.lang = lang;
    document.getElementById('title').textContent = document.title = t('title');
    document.getElementById('intro').textContent = t('intro').replace('{s}', res.body.data.treatmentName || '');
    var box = document.getElementById('scores');
    t('scores').forEach(function (label, i) {
      var l = document.createElement('label');
      l.className = 'check';
      var input = document.createElement('input');
      input.type = 'radio'; input.name = 'score'; input.value = String(i + 1);
      l.appendChild(input);
      l.appendChild(document.createTextNode(' ' + (i + 1) + ' · ' + label));
      box.appendChild(l);
    });
    document.getElementById('comment-label').textContent = t('comment');
    document.getElementById('submit').textContent = t('submit');
    var form = document.getElementById('survey-form');
    form.hidden = false;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var chosen = form.querySelector('input[name=score]:checked');
      var result = document.getElementById('result');
      if (!chosen) { result.textContent = t('fix'); return; }
      post('answer', { token: token, score: Number(chosen.value), comment: form.elements.comment.value }).then(function (r) {
        if (r.status === 201) { form.hidden = true; msg.textContent = t('thanks'); }
        else if (r.status === 404) { form.hidden = true; msg.textContent = t('invalid'); }
        else { result.textContent = (r.body.error && r.body.error.message) || t('failed'); }
      }).catch(function () { result.textContent = t('failed'); });
    });
  }).catch(function () { msg.textContent = t('failed'); });
})();
