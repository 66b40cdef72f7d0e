// Puppeteer (used by pagedjs-cli and Ace) must never download a browser: we use Debian's Chromium.
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
