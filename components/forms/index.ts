export { FormDialog } from "./form-dialog";
export { FormField, TextField, TextareaField, SelectField, SwitchField } from "./fields";
export { useZodForm, applyServerError } from "./use-zod-form";
