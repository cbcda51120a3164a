// ServiceAccount strategy: pkg/registry/core/serviceaccount/strategy.go with pkg/apis/core/validation
// ValidateServiceAccount (a DNS subdomain name, ValidateServiceAccountName) and its update rule.
import type { Strategy } from '../strategy';
import { decodeObject } from './decode';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './validation';

export function serviceAccountStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    validate: (obj) => validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain)],
  };
}
