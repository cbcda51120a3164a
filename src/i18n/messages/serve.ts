// `kubespec serve`'s own lines on stderr: what restoring --data found, a damaged data folder, and
// NodePort listeners that could not open. The Events a cluster records stay English (kubectl shows
// them as a real cluster's), so only the stderr copy of a bind failure is in the language.
import { defineMessages } from '../index';

export const serveMessages = defineMessages({
  removedSnapshot: {
    en: 'removed an unfinished snapshot {file} (a compaction was interrupted; the journal still holds its writes)',
    ko: '끝나지 않은 스냅샷 {file} 파일을 지웠어요 (압축이 중간에 멈췄지만 그 쓰기는 저널에 남아 있어요)',
  },
  droppedTornRecord: {
    en: 'dropped a torn last record ({bytes} bytes) at the end of {file}: a write that was cut off, never acknowledged',
    ko: '{file} 끝의 잘린 마지막 기록({bytes}바이트)을 버렸어요. 중간에 끊겨 확인 응답을 보낸 적 없는 쓰기예요',
  },
  damaged: {
    en: '{file} line {line}: {why}; the data directory is damaged (move the file away to start over)',
    ko: '{file} {line}번째 줄: {why}. 데이터 폴더가 손상됐어요 (처음부터 시작하려면 이 파일을 다른 곳으로 옮기세요)',
  },
  cannotCreateDir: { en: 'cannot create the data directory {dir}: {message}', ko: '데이터 폴더를 만들 수 없어요: {dir}: {message}' },
  notADirectory: { en: '{dir} is not a directory', ko: '{dir}: 폴더가 아니에요' },
  cannotRead: { en: 'cannot read {file}: {message}', ko: '{file} 파일을 읽을 수 없어요: {message}' },
  bindFailed: {
    en: 'nodePort {port} of Service {service} cannot be bound on {address}: {why}',
    ko: '{address}에서 Service {service}의 nodePort {port} 포트를 열 수 없어요: {why}',
  },
  listenersNotUpdated: { en: 'NodePort listeners could not be updated: {message}', ko: 'NodePort 리스너를 갱신하지 못했어요: {message}' },
  listenerError: { en: 'nodePort {port} on {address}: {message}', ko: '{address}의 nodePort {port}: {message}' },
  eventNotRecorded: { en: 'the Event for nodePort {port} could not be recorded: {message}', ko: 'nodePort {port}에 대한 Event를 기록하지 못했어요: {message}' },
  routingFailed: { en: 'nodePort {port}: routing failed: {message}', ko: 'nodePort {port}: 라우팅에 실패했어요: {message}' },
  portInUse: {
    en: 'cannot listen on {where}: the port is in use (give another with --port, or --port 0 for a free one)',
    ko: '{where}에서 요청을 받을 수 없어요: 이미 쓰고 있는 포트예요 (--port로 다른 포트를 주거나, --port 0으로 빈 포트를 쓰세요)',
  },
  addressNotHere: { en: "cannot listen on {where}: the address is not one of this machine's", ko: '{where}에서 요청을 받을 수 없어요: 이 컴퓨터의 주소가 아니에요' },
  portDenied: {
    en: 'cannot listen on {where}: permission denied (ports below 1024 need privileges)',
    ko: '{where}에서 요청을 받을 수 없어요: 권한이 없어요 (1024보다 작은 포트는 관리자 권한이 필요해요)',
  },
  cannotListen: { en: 'cannot listen on {where}: {message}', ko: '{where}에서 요청을 받을 수 없어요: {message}' },
});
