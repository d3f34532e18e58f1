// The site's plugins. The install test appends the Clinic CRM entry, as the README tells an agency.
export default () => ({
});
