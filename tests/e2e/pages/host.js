// Test helper: turns the page's query string into one <screening-form> element, so each test
// can choose attributes without an inline script (the strict-CSP tests use this page too).
const params = new URLSearchParams(location.search);
const element = document.createElement('screening-form');
for (const [name, value] of params) {
  if (name !== 'csp') element.setAttribute(name, value);
}
document.getElementById('slot').append(element);
