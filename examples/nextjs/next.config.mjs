// The app directory is the project root (the example also runs from a copy in a temporary directory).
/** @type {import('next').NextConfig} */
const config = { turbopack: { root: import.meta.dirname } };
export default config;
