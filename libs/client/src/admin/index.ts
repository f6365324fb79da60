// The admin API (mqadmin, console) lands here.
export {};
