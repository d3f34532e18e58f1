/**
 * Secrets come from the environment. Development and test get a safe, obviously
 * non-secret default so `npm run demo` works on a fresh machine; production refuses
 * to start when a secret is missing instead of silently running with a known value.
 */
type EnvFn = ((key: string, fallback?: string) => string | undefined) & {
  array: (key: string, fallback?: string[]) => string[] | undefined;
};

const isProduction = () => process.env.NODE_ENV === 'production';

export const secret = (env: EnvFn, key: string, devDefault: string): string => {
  const value = env(key);
  if (value && value.trim() !== '') return value;
  if (isProduction()) {
    throw new Error(
      `Missing required environment variable ${key}. Set it before starting Strapi in production (see .env.example).`
    );
  }
  return devDefault;
};

export const secretArray = (env: EnvFn, key: string, devDefault: string[]): string[] => {
  const value = env.array(key);
  if (value && value.length > 0 && value.every((v) => v.trim() !== '')) return value;
  if (isProduction()) {
    throw new Error(
      `Missing required environment variable ${key}. Set it before starting Strapi in production (see .env.example).`
    );
  }
  return devDefault;
};
