import { withoutExternalAssets } from './offline-html';

describe('withoutExternalAssets', () => {
  it('drops stylesheets, fonts and scripts from other hosts and keeps the page’s own', () => {
    const page = [
      '<head>',
      '<link rel="icon" href="static/favicon.ico">',
      '<link href="https://fonts.googleapis.com/css2?family=IBM+Plex+Sans&display=swap" rel="stylesheet">',
      "<link rel='preconnect' href='//fonts.gstatic.com' crossorigin>",
      '<link href="static/css/main.css" rel="stylesheet"></head>',
      '<script src="http://cdn.example.com/lib.js"></script>',
      '<script defer src="static/js/main.js"></script>',
      '<style>@import url("https://fonts.googleapis.com/css?family=Roboto");body{margin:0}</style>',
    ].join('\n');
    const offline = withoutExternalAssets(page);
    expect(offline).not.toMatch(/https?:\/\/|["']\/\//);
    expect(offline).toContain('<link rel="icon" href="static/favicon.ico">');
    expect(offline).toContain('<link href="static/css/main.css" rel="stylesheet"></head>');
    expect(offline).toContain('<script defer src="static/js/main.js"></script>');
    expect(offline).toContain('<style>body{margin:0}</style>');
  });
});
