// Texts of the console's "Administration" pages: Chinese first, English typed against it.
export const admin = {
  zh: {
    title: "管理",
  },
  en: {
    title: "Administration",
  },
};
