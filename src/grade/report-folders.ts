// Where `grade --submissions` writes each student's reports: `<out>/students/<folder>/report.*`,
// the roster alone at `<out>/roster.*`. A student's folder name is theirs to choose, so it only
// names a folder under students/ (never a file beside the roster or another student's report),
// made portable, and no two students share one on any disk, case-insensitive ones included.
import { compareKeys } from './shard';

/** The folder under --out that holds one folder per student. */
export const STUDENTS_FOLDER = 'students';

/** Each student's reports are `report.json`, `report.junit.xml`... inside their folder. */
export const REPORT_NAME = 'report';

/** Longest folder name kept, in code points (a UTF-8 name stays under the common 255-byte limit). */
const MAX_LENGTH = 60;

/** Characters a folder name keeps: letters, marks and digits of any script, `.`, `_` and `-`. */
const KEPT = /[\p{L}\p{M}\p{N}._-]/u;

/** Names Windows reserves for devices, whatever the extension (`CON`, `con.txt`, `COM1`, `LPT²`). */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A portable folder name for `name`: NFC (what macOS hands back for the same name), every other
 * character `_`, no leading `.` or `-` (hidden, or read as an option), no trailing `.` (Windows
 * drops it), no device name, at most MAX_LENGTH code points. Never holds `~`: see reportFolders.
 */
export function portableName(name: string): string {
  let s = [...name.normalize('NFC')].map((c) => (KEPT.test(c) ? c : '_')).join('');
  s = [...s].slice(0, MAX_LENGTH).join('');
  if (s === '' || /^[.-]/.test(s) || DEVICE.test(s)) s = `_${s}`;
  return s.replace(/\.$/, '_');
}

/**
 * A key equal for two names a file system may take for one: case folded both ways (`ß` and `SS`
 * meet), compatibility-normalised (`ﬁ` and `fi`). Coarser than any disk, so never finer.
 */
function collisionKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/**
 * Each student's folder (student name → folder name under STUDENTS_FOLDER), for the whole class:
 * portableName, and when that collides with a folder already given (in name order), `~2`, `~3`...
 * A portable name never holds `~`, so a suffixed name cannot be another student's own. Computed
 * over every student folder, not one shard, so a student's folder is the same whichever shard.
 */
export function reportFolders(students: readonly string[]): Map<string, string> {
  const folders = new Map<string, string>();
  const taken = new Set<string>();
  for (const student of [...new Set(students)].sort(compareKeys)) {
    const base = portableName(student);
    let folder = base;
    for (let n = 2; taken.has(collisionKey(folder)); n++) folder = `${base}~${n}`;
    taken.add(collisionKey(folder));
    folders.set(student, folder);
  }
  return folders;
}
