export { FormDialog } from "./form-dialog";
export { FormField, TextField, TextareaField, SelectField, SwitchField } from "./fields";
