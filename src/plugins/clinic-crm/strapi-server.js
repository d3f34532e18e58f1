'use strict';
// Strapi loads a local plugin's server entry only as strapi-server.js. The TypeScript sources
// are compiled by the app's own build (tsc, `strapi build` / `strapi develop`) into dist/;
// this file points Strapi at that output.
const path = require('path');

const compiled = require(path.join(__dirname, '..', '..', '..', 'dist', 'src', 'plugins', 'clinic-crm', 'server', 'src'));

module.exports = compiled.default || compiled;
