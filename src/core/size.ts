// Sizes written for people: KB below a megabyte, else MB with at most two decimals.
export const formatSize = (bytes: number): string => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${+(bytes / 1024 / 1024).toFixed(2)} MB`);
