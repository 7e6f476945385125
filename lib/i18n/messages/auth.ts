import type { SameShape } from "../types";

const zh = {
  title: "登录",
  subtitle: "使用你的账号登录控制台",
  email: "邮箱",
  emailPlaceholder: "name@example.com",
  password: "密码",
  submit: "登录",
  submitting: "登录中…",
  invalidCredentials: "邮箱或密码错误。",
  tooManyAttempts: "登录尝试过于频繁，请稍后再试。",
  emailRequired: "请输入邮箱。",
  emailInvalid: "邮箱格式不正确。",
  passwordRequired: "请输入密码。",
  failed: "登录失败，请稍后重试。",
  signOut: "退出登录",
  signingOut: "正在退出…",
  sessionExpired: "登录已过期，请重新登录。",
  footer: "多租户定时任务与消息推送平台",
};

const en: SameShape<typeof zh> = {
  title: "Sign in",
  subtitle: "Sign in to the console with your account",
  email: "Email",
  emailPlaceholder: "name@example.com",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  invalidCredentials: "Wrong email or password.",
  tooManyAttempts: "Too many sign-in attempts. Please wait a moment and try again.",
  emailRequired: "Enter your email.",
  emailInvalid: "This is not a valid email address.",
  passwordRequired: "Enter your password.",
  failed: "Sign-in failed. Please try again later.",
  signOut: "Sign out",
  signingOut: "Signing out…",
  sessionExpired: "Your session has expired. Please sign in again.",
  footer: "Multi-tenant scheduled tasks and message delivery",
};

export const auth = { zh, en };
