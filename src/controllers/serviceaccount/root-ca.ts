// The cluster's root CA certificate as kubeadm makes it (a self-signed `CN=kubernetes` CA, valid
// from just before the simulated clock's default start for ten years). Only the certificate is
// kept: nothing in kubespec signs with it. The root-ca-cert-publisher puts it in every namespace's
// kube-root-ca.crt ConfigMap, which each pod's token volume projects as ca.crt.
export const ROOT_CA_CRT = [
  '-----BEGIN CERTIFICATE-----',
  'MIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl',
  'cm5ldGVzMB4XDTIzMTIzMTIzNTUwMFoXDTMzMTIyODIzNTUwMFowFTETMBEGA1UE',
  'AxMKa3ViZXJuZXRlczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBANSX',
  '54Xul1F+a3qd0vpFmM1ifH/vyR5bWgJOY1YIU3ZBMOWgHgqWEc7vJur6Q2tl/PYL',
  'AQ+wUzAvOuIVp0w593HW48FP5ruiR5MjXzAi/OnR0K3Xxoo1XIcqAyS3HOagszNM',
  'XpvySFy1zk/j0FCQlrrYTad0UTSWrtO387yh29MTAmLuMsd0DO7yIXylBMV4e7Wl',
  'gzpLdSsyV/YubDG9jikVDqR0bbNDPyDnsNhQdTgZHOJlcKLJ5wuXubPM6LEIvPkN',
  'P2/wlpvaaFNZQYLBW9qaEywa0RhMzFn7vW/xZZA+sr3V/gYBb2fQG6j0ipO0wY9y',
  '/MrDOP4S143609oon80CAwEAAaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B',
  'Af8EBAMCAqQwHQYDVR0OBBYEFNxdwkY7pfz2ZfMiHDRyyz/krDpfMA0GCSqGSIb3',
  'DQEBCwUAA4IBAQBIfduiTjtH9ugnU0Rx06TxMdbsX205jXXgPBZ6HuTBdlfVU+jZ',
  'qG+s18L2S4I+7yjuSVm5cb3mhF6Q3F7C6hphhEbYrsucSDZKtVZmbrlGrR/cyCH8',
  'vOgzQW8k2B4Z89M+D1eyYFX8hxpVH9NPgZzbaR2KG/121QkEbtuWkPRG1ueRlriq',
  'HazrlcNvuFIQv2hXTPrV43taIPSYS2aCJ2x3O768AsK120gK0USj78h4mVieYw9T',
  'LlCb5KubFU7hINsTIQcXFUG4jODbOJu2AAy/ooeMIYWok4fC2py4KQYy1X9+Y1eu',
  'WH89L4xpJeJLbJVm4kLaWZG1aNhZvHznPH30',
  '-----END CERTIFICATE-----',
].join('\n') + '\n';
