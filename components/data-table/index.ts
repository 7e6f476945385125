export { DataTable, type DataTableProps } from "./data-table";
export { useListState, type ListState, PAGE_SIZES } from "./use-list-state";
export { ListToolbar, FilterSelect, type ListFilter } from "./list-toolbar";
export { ListPage, useDialogState, useConfirmAction } from "./list-page";
export { RowActions, actionsColumn, type RowAction } from "./row-actions";
export { ConfirmDialog } from "./confirm-dialog";
