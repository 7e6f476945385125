export { DataTable } from "./data-table";
export { useListState } from "./use-list-state";
export { ListToolbar } from "./list-toolbar";
export { ListPage, useDialogState, useConfirmAction, type DialogState } from "./list-page";
export { TablePage } from "./table-page";
export { actionsColumn, buttonColumn, useRowMenu } from "./row-actions";
export { useCrudList, searchRows } from "./use-crud-list";
