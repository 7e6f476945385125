export { FormDialog } from "./form-dialog";
export {
  CodeField,
  FieldPair,
  FormField,
  SecretField,
  SelectField,
  SwitchField,
  TextField,
  TextareaField,
} from "./fields";
export { DialogFrame, RowDialog } from "./dialog-frame";
