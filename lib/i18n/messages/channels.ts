// Texts of the console's "Channels" pages: Chinese first, English typed against it.
export const channels = {
  zh: {
    title: "通知渠道",
  },
  en: {
    title: "Channels",
  },
};
