// Texts of the console's "Runs" pages: Chinese first, English typed against it.
export const runs = {
  zh: {
    title: "运行记录",
  },
  en: {
    title: "Runs",
  },
};
