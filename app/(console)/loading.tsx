import { PageSkeleton } from "@/components/shell/shell-states";

export default function ConsoleLoading() {
  return <PageSkeleton />;
}
