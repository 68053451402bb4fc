// The file side of a wave import, for routes: csv-parse creates Buffers when it loads, so a route that imported
// `./wave-csv` directly carried it into the browser bundle, where `Buffer` does not exist and the page could not
// be opened by a link (Remix reloaded the page it came from). A `.server` module never reaches the browser.
export { MAX_WAVE_FILE_BYTES, decodeWaveFile } from "./wave-csv";
