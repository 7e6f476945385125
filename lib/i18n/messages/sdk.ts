// Texts of the console's "SDK docs" pages: Chinese first, English typed against it.
export const sdk = {
  zh: {
    title: "SDK 文档",
  },
  en: {
    title: "SDK docs",
  },
};
