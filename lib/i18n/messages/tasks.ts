// Texts of the console's "Tasks" pages: Chinese first, English typed against it.
export const tasks = {
  zh: {
    title: "任务",
  },
  en: {
    title: "Tasks",
  },
};
