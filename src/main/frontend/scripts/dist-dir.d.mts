export declare const distDir: string;
