// Garbage collector: cascading deletion by ownerReferences (background, foreground, orphan).
export { GarbageCollector, FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from './garbagecollector';
