// Kubernetes protobuf message definitions (field names, numbers, types, labels as in upstream's
// generated.proto files) for the kinds kubespec serves, plus the JSON-shaping facts the wire
// does not carry (Go inline embeds, pointer/non-omitempty scalars, nil-slice-as-null).
//
// Field facts were restated from kubernetes' generated.proto (k8s.io/api core, apps, batch,
// discovery, autoscaling, policy, authorization at v0.34; apimachinery meta/v1, runtime, intstr,
// resource). Numbers are append-only upstream, so fields newer than 1.32 are harmless extras.
import * as protobuf from 'protobufjs';

const META = '.k8s.io.apimachinery.pkg.apis.meta.v1';
const CORE = '.k8s.io.api.core.v1';
const INTSTR = '.k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const QTY = '.k8s.io.apimachinery.pkg.api.resource.Quantity';

/** One `package` block per upstream generated.proto; parsed into one protobufjs Root. */
const SOURCES: string[] = [
  `syntax = "proto2"; package k8s.io.apimachinery.pkg.runtime;
message RawExtension { optional bytes raw = 1; }
message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown { optional TypeMeta typeMeta = 1; optional bytes raw = 2; optional string contentEncoding = 3; optional string contentType = 4; }`,

  `syntax = "proto2"; package k8s.io.apimachinery.pkg.util.intstr;
message IntOrString { optional int64 type = 1; optional int32 intVal = 2; optional string strVal = 3; }`,

  `syntax = "proto2"; package k8s.io.apimachinery.pkg.api.resource;
message Quantity { optional string string = 1; }`,

  `syntax = "proto2"; package k8s.io.apimachinery.pkg.apis.meta.v1;
message Condition { optional string type = 1; optional string status = 2; optional int64 observedGeneration = 3; optional Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message DeleteOptions { optional int64 gracePeriodSeconds = 1; optional Preconditions preconditions = 2; optional bool orphanDependents = 3; optional string propagationPolicy = 4; repeated string dryRun = 5; }
message Duration { optional int64 duration = 1; }
message FieldSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message FieldsV1 { optional bytes Raw = 1; }
message LabelSelector { map<string, string> matchLabels = 1; repeated LabelSelectorRequirement matchExpressions = 2; }
message LabelSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message ListMeta { optional string selfLink = 1; optional string resourceVersion = 2; optional string continue = 3; optional int64 remainingItemCount = 4; }
message ManagedFieldsEntry { optional string manager = 1; optional string operation = 2; optional string apiVersion = 3; optional Time time = 4; optional string fieldsType = 6; optional FieldsV1 fieldsV1 = 7; optional string subresource = 8; }
message MicroTime { optional int64 seconds = 1; optional int32 nanos = 2; }
message ObjectMeta { optional string name = 1; optional string generateName = 2; optional string namespace = 3; optional string selfLink = 4; optional string uid = 5; optional string resourceVersion = 6; optional int64 generation = 7; optional Time creationTimestamp = 8; optional Time deletionTimestamp = 9; optional int64 deletionGracePeriodSeconds = 10; map<string, string> labels = 11; map<string, string> annotations = 12; repeated OwnerReference ownerReferences = 13; repeated string finalizers = 14; repeated ManagedFieldsEntry managedFields = 17; }
message OwnerReference { optional string apiVersion = 5; optional string kind = 1; optional string name = 3; optional string uid = 4; optional bool controller = 6; optional bool blockOwnerDeletion = 7; }
message Preconditions { optional string uid = 1; optional string resourceVersion = 2; }
message Time { optional int64 seconds = 1; optional int32 nanos = 2; }
message TypeMeta { optional string kind = 1; optional string apiVersion = 2; }`,

  `syntax = "proto2"; package k8s.io.api.core.v1;
message Affinity { optional NodeAffinity nodeAffinity = 1; optional PodAffinity podAffinity = 2; optional PodAntiAffinity podAntiAffinity = 3; }
message AppArmorProfile { optional string type = 1; optional string localhostProfile = 2; }
message AttachedVolume { optional string name = 1; optional string devicePath = 2; }
message CSIVolumeSource { optional string driver = 1; optional bool readOnly = 2; optional string fsType = 3; map<string, string> volumeAttributes = 4; optional LocalObjectReference nodePublishSecretRef = 5; }
message Capabilities { repeated string add = 1; repeated string drop = 2; }
message ClientIPConfig { optional int32 timeoutSeconds = 1; }
message ClusterTrustBundleProjection { optional string name = 1; optional string signerName = 2; optional ${META}.LabelSelector labelSelector = 3; optional bool optional = 5; optional string path = 4; }
message ConfigMap { optional ${META}.ObjectMeta metadata = 1; optional bool immutable = 4; map<string, string> data = 2; map<string, bytes> binaryData = 3; }
message ConfigMapEnvSource { optional LocalObjectReference localObjectReference = 1; optional bool optional = 2; }
message ConfigMapKeySelector { optional LocalObjectReference localObjectReference = 1; optional string key = 2; optional bool optional = 3; }
message ConfigMapNodeConfigSource { optional string namespace = 1; optional string name = 2; optional string uid = 3; optional string resourceVersion = 4; optional string kubeletConfigKey = 5; }
message ConfigMapProjection { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2; optional bool optional = 4; }
message ConfigMapVolumeSource { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2; optional int32 defaultMode = 3; optional bool optional = 4; }
message Container { optional string name = 1; optional string image = 2; repeated string command = 3; repeated string args = 4; optional string workingDir = 5; repeated ContainerPort ports = 6; repeated EnvFromSource envFrom = 19; repeated EnvVar env = 7; optional ResourceRequirements resources = 8; repeated ContainerResizePolicy resizePolicy = 23; optional string restartPolicy = 24; repeated ContainerRestartRule restartPolicyRules = 25; repeated VolumeMount volumeMounts = 9; repeated VolumeDevice volumeDevices = 21; optional Probe livenessProbe = 10; optional Probe readinessProbe = 11; optional Probe startupProbe = 22; optional Lifecycle lifecycle = 12; optional string terminationMessagePath = 13; optional string terminationMessagePolicy = 20; optional string imagePullPolicy = 14; optional SecurityContext securityContext = 15; optional bool stdin = 16; optional bool stdinOnce = 17; optional bool tty = 18; }
message ContainerImage { repeated string names = 1; optional int64 sizeBytes = 2; }
message ContainerPort { optional string name = 1; optional int32 hostPort = 2; optional int32 containerPort = 3; optional string protocol = 4; optional string hostIP = 5; }
message ContainerResizePolicy { optional string resourceName = 1; optional string restartPolicy = 2; }
message ContainerRestartRule { optional string action = 1; optional ContainerRestartRuleOnExitCodes exitCodes = 2; }
message ContainerRestartRuleOnExitCodes { optional string operator = 1; repeated int32 values = 2; }
message ContainerState { optional ContainerStateWaiting waiting = 1; optional ContainerStateRunning running = 2; optional ContainerStateTerminated terminated = 3; }
message ContainerStateRunning { optional ${META}.Time startedAt = 1; }
message ContainerStateTerminated { optional int32 exitCode = 1; optional int32 signal = 2; optional string reason = 3; optional string message = 4; optional ${META}.Time startedAt = 5; optional ${META}.Time finishedAt = 6; optional string containerID = 7; }
message ContainerStateWaiting { optional string reason = 1; optional string message = 2; }
message ContainerStatus { optional string name = 1; optional ContainerState state = 2; optional ContainerState lastState = 3; optional bool ready = 4; optional int32 restartCount = 5; optional string image = 6; optional string imageID = 7; optional string containerID = 8; optional bool started = 9; map<string, ${QTY}> allocatedResources = 10; optional ResourceRequirements resources = 11; repeated VolumeMountStatus volumeMounts = 12; optional ContainerUser user = 13; repeated ResourceStatus allocatedResourcesStatus = 14; optional string stopSignal = 15; }
message ContainerUser { optional LinuxContainerUser linux = 1; }
message DaemonEndpoint { optional int32 Port = 1; }
message DownwardAPIProjection { repeated DownwardAPIVolumeFile items = 1; }
message DownwardAPIVolumeFile { optional string path = 1; optional ObjectFieldSelector fieldRef = 2; optional ResourceFieldSelector resourceFieldRef = 3; optional int32 mode = 4; }
message DownwardAPIVolumeSource { repeated DownwardAPIVolumeFile items = 1; optional int32 defaultMode = 2; }
message EmptyDirVolumeSource { optional string medium = 1; optional ${QTY} sizeLimit = 2; }
message EndpointAddress { optional string ip = 1; optional string hostname = 3; optional string nodeName = 4; optional ObjectReference targetRef = 2; }
message EndpointPort { optional string name = 1; optional int32 port = 2; optional string protocol = 3; optional string appProtocol = 4; }
message EndpointSubset { repeated EndpointAddress addresses = 1; repeated EndpointAddress notReadyAddresses = 2; repeated EndpointPort ports = 3; }
message Endpoints { optional ${META}.ObjectMeta metadata = 1; repeated EndpointSubset subsets = 2; }
message EnvFromSource { optional string prefix = 1; optional ConfigMapEnvSource configMapRef = 2; optional SecretEnvSource secretRef = 3; }
message EnvVar { optional string name = 1; optional string value = 2; optional EnvVarSource valueFrom = 3; }
message EnvVarSource { optional ObjectFieldSelector fieldRef = 1; optional ResourceFieldSelector resourceFieldRef = 2; optional ConfigMapKeySelector configMapKeyRef = 3; optional SecretKeySelector secretKeyRef = 4; optional FileKeySelector fileKeyRef = 5; }
message Event { optional ${META}.ObjectMeta metadata = 1; optional ObjectReference involvedObject = 2; optional string reason = 3; optional string message = 4; optional EventSource source = 5; optional ${META}.Time firstTimestamp = 6; optional ${META}.Time lastTimestamp = 7; optional int32 count = 8; optional string type = 9; optional ${META}.MicroTime eventTime = 10; optional EventSeries series = 11; optional string action = 12; optional ObjectReference related = 13; optional string reportingComponent = 14; optional string reportingInstance = 15; }
message EventSeries { optional int32 count = 1; optional ${META}.MicroTime lastObservedTime = 2; }
message EventSource { optional string component = 1; optional string host = 2; }
message ExecAction { repeated string command = 1; }
message FileKeySelector { optional string volumeName = 1; optional string path = 2; optional string key = 3; optional bool optional = 4; }
message GRPCAction { optional int32 port = 1; optional string service = 2; }
message HTTPGetAction { optional string path = 1; optional ${INTSTR} port = 2; optional string host = 3; optional string scheme = 4; repeated HTTPHeader httpHeaders = 5; }
message HTTPHeader { optional string name = 1; optional string value = 2; }
message HostAlias { optional string ip = 1; repeated string hostnames = 2; }
message HostIP { optional string ip = 1; }
message HostPathVolumeSource { optional string path = 1; optional string type = 2; }
message ImageVolumeSource { optional string reference = 1; optional string pullPolicy = 2; }
message KeyToPath { optional string key = 1; optional string path = 2; optional int32 mode = 3; }
message Lifecycle { optional LifecycleHandler postStart = 1; optional LifecycleHandler preStop = 2; optional string stopSignal = 3; }
message LifecycleHandler { optional ExecAction exec = 1; optional HTTPGetAction httpGet = 2; optional TCPSocketAction tcpSocket = 3; optional SleepAction sleep = 4; }
message LinuxContainerUser { optional int64 uid = 1; optional int64 gid = 2; repeated int64 supplementalGroups = 3; }
message LoadBalancerIngress { optional string ip = 1; optional string hostname = 2; optional string ipMode = 3; repeated PortStatus ports = 4; }
message LoadBalancerStatus { repeated LoadBalancerIngress ingress = 1; }
message LocalObjectReference { optional string name = 1; }
message NFSVolumeSource { optional string server = 1; optional string path = 2; optional bool readOnly = 3; }
message Namespace { optional ${META}.ObjectMeta metadata = 1; optional NamespaceSpec spec = 2; optional NamespaceStatus status = 3; }
message NamespaceCondition { optional string type = 1; optional string status = 2; optional ${META}.Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message NamespaceSpec { repeated string finalizers = 1; }
message NamespaceStatus { optional string phase = 1; repeated NamespaceCondition conditions = 2; }
message Node { optional ${META}.ObjectMeta metadata = 1; optional NodeSpec spec = 2; optional NodeStatus status = 3; }
message NodeAddress { optional string type = 1; optional string address = 2; }
message NodeAffinity { optional NodeSelector requiredDuringSchedulingIgnoredDuringExecution = 1; repeated PreferredSchedulingTerm preferredDuringSchedulingIgnoredDuringExecution = 2; }
message NodeCondition { optional string type = 1; optional string status = 2; optional ${META}.Time lastHeartbeatTime = 3; optional ${META}.Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message NodeConfigSource { optional ConfigMapNodeConfigSource configMap = 2; }
message NodeConfigStatus { optional NodeConfigSource assigned = 1; optional NodeConfigSource active = 2; optional NodeConfigSource lastKnownGood = 3; optional string error = 4; }
message NodeDaemonEndpoints { optional DaemonEndpoint kubeletEndpoint = 1; }
message NodeFeatures { optional bool supplementalGroupsPolicy = 1; }
message NodeRuntimeHandler { optional string name = 1; optional NodeRuntimeHandlerFeatures features = 2; }
message NodeRuntimeHandlerFeatures { optional bool recursiveReadOnlyMounts = 1; optional bool userNamespaces = 2; }
message NodeSelector { repeated NodeSelectorTerm nodeSelectorTerms = 1; }
message NodeSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message NodeSelectorTerm { repeated NodeSelectorRequirement matchExpressions = 1; repeated NodeSelectorRequirement matchFields = 2; }
message NodeSpec { optional string podCIDR = 1; repeated string podCIDRs = 7; optional string providerID = 3; optional bool unschedulable = 4; repeated Taint taints = 5; optional NodeConfigSource configSource = 6; optional string externalID = 2; }
message NodeStatus { map<string, ${QTY}> capacity = 1; map<string, ${QTY}> allocatable = 2; optional string phase = 3; repeated NodeCondition conditions = 4; repeated NodeAddress addresses = 5; optional NodeDaemonEndpoints daemonEndpoints = 6; optional NodeSystemInfo nodeInfo = 7; repeated ContainerImage images = 8; repeated string volumesInUse = 9; repeated AttachedVolume volumesAttached = 10; optional NodeConfigStatus config = 11; repeated NodeRuntimeHandler runtimeHandlers = 12; optional NodeFeatures features = 13; repeated string declaredFeatures = 14; }
message NodeSwapStatus { optional int64 capacity = 1; }
message NodeSystemInfo { optional string machineID = 1; optional string systemUUID = 2; optional string bootID = 3; optional string kernelVersion = 4; optional string osImage = 5; optional string containerRuntimeVersion = 6; optional string kubeletVersion = 7; optional string kubeProxyVersion = 8; optional string operatingSystem = 9; optional string architecture = 10; optional NodeSwapStatus swap = 11; }
message ObjectFieldSelector { optional string apiVersion = 1; optional string fieldPath = 2; }
message ObjectReference { optional string kind = 1; optional string namespace = 2; optional string name = 3; optional string uid = 4; optional string apiVersion = 5; optional string resourceVersion = 6; optional string fieldPath = 7; }
message PersistentVolumeClaimVolumeSource { optional string claimName = 1; optional bool readOnly = 2; }
message Pod { optional ${META}.ObjectMeta metadata = 1; optional PodSpec spec = 2; optional PodStatus status = 3; }
message PodAffinity { repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1; repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2; }
message PodAffinityTerm { optional ${META}.LabelSelector labelSelector = 1; repeated string namespaces = 2; optional string topologyKey = 3; optional ${META}.LabelSelector namespaceSelector = 4; repeated string matchLabelKeys = 5; repeated string mismatchLabelKeys = 6; }
message PodAntiAffinity { repeated PodAffinityTerm requiredDuringSchedulingIgnoredDuringExecution = 1; repeated WeightedPodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution = 2; }
message PodCondition { optional string type = 1; optional int64 observedGeneration = 7; optional string status = 2; optional ${META}.Time lastProbeTime = 3; optional ${META}.Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message PodDNSConfig { repeated string nameservers = 1; repeated string searches = 2; repeated PodDNSConfigOption options = 3; }
message PodDNSConfigOption { optional string name = 1; optional string value = 2; }
message PodIP { optional string ip = 1; }
message PodOS { optional string name = 1; }
message PodReadinessGate { optional string conditionType = 1; }
message PodResourceClaim { optional string name = 1; optional string resourceClaimName = 3; optional string resourceClaimTemplateName = 4; }
message PodResourceClaimStatus { optional string name = 1; optional string resourceClaimName = 2; }
message PodSchedulingGate { optional string name = 1; }
message PodSecurityContext { optional SELinuxOptions seLinuxOptions = 1; optional WindowsSecurityContextOptions windowsOptions = 8; optional int64 runAsUser = 2; optional int64 runAsGroup = 6; optional bool runAsNonRoot = 3; repeated int64 supplementalGroups = 4; optional string supplementalGroupsPolicy = 12; optional int64 fsGroup = 5; repeated Sysctl sysctls = 7; optional string fsGroupChangePolicy = 9; optional SeccompProfile seccompProfile = 10; optional AppArmorProfile appArmorProfile = 11; optional string seLinuxChangePolicy = 13; }
message PodSpec { repeated Volume volumes = 1; repeated Container initContainers = 20; repeated Container containers = 2; optional string restartPolicy = 3; optional int64 terminationGracePeriodSeconds = 4; optional int64 activeDeadlineSeconds = 5; optional string dnsPolicy = 6; map<string, string> nodeSelector = 7; optional string serviceAccountName = 8; optional string serviceAccount = 9; optional bool automountServiceAccountToken = 21; optional string nodeName = 10; optional bool hostNetwork = 11; optional bool hostPID = 12; optional bool hostIPC = 13; optional bool shareProcessNamespace = 27; optional PodSecurityContext securityContext = 14; repeated LocalObjectReference imagePullSecrets = 15; optional string hostname = 16; optional string subdomain = 17; optional Affinity affinity = 18; optional string schedulerName = 19; repeated Toleration tolerations = 22; repeated HostAlias hostAliases = 23; optional string priorityClassName = 24; optional int32 priority = 25; optional PodDNSConfig dnsConfig = 26; repeated PodReadinessGate readinessGates = 28; optional string runtimeClassName = 29; optional bool enableServiceLinks = 30; optional string preemptionPolicy = 31; map<string, ${QTY}> overhead = 32; repeated TopologySpreadConstraint topologySpreadConstraints = 33; optional bool setHostnameAsFQDN = 35; optional PodOS os = 36; optional bool hostUsers = 37; repeated PodSchedulingGate schedulingGates = 38; repeated PodResourceClaim resourceClaims = 39; optional ResourceRequirements resources = 40; optional string hostnameOverride = 41; }
message PodStatus { optional int64 observedGeneration = 17; optional string phase = 1; repeated PodCondition conditions = 2; optional string message = 3; optional string reason = 4; optional string nominatedNodeName = 11; optional string hostIP = 5; repeated HostIP hostIPs = 16; optional string podIP = 6; repeated PodIP podIPs = 12; optional ${META}.Time startTime = 7; repeated ContainerStatus initContainerStatuses = 10; repeated ContainerStatus containerStatuses = 8; optional string qosClass = 9; repeated ContainerStatus ephemeralContainerStatuses = 13; optional string resize = 14; repeated PodResourceClaimStatus resourceClaimStatuses = 15; map<string, ${QTY}> allocatedResources = 19; optional ResourceRequirements resources = 20; }
message PodTemplateSpec { optional ${META}.ObjectMeta metadata = 1; optional PodSpec spec = 2; }
message PortStatus { optional int32 port = 1; optional string protocol = 2; optional string error = 3; }
message PreferredSchedulingTerm { optional int32 weight = 1; optional NodeSelectorTerm preference = 2; }
message Probe { optional ProbeHandler handler = 1; optional int32 initialDelaySeconds = 2; optional int32 timeoutSeconds = 3; optional int32 periodSeconds = 4; optional int32 successThreshold = 5; optional int32 failureThreshold = 6; optional int64 terminationGracePeriodSeconds = 7; }
message ProbeHandler { optional ExecAction exec = 1; optional HTTPGetAction httpGet = 2; optional TCPSocketAction tcpSocket = 3; optional GRPCAction grpc = 4; }
message ProjectedVolumeSource { repeated VolumeProjection sources = 1; optional int32 defaultMode = 2; }
message ResourceClaim { optional string name = 1; optional string request = 2; }
message ResourceFieldSelector { optional string containerName = 1; optional string resource = 2; optional ${QTY} divisor = 3; }
message ResourceHealth { optional string resourceID = 1; optional string health = 2; }
message ResourceRequirements { map<string, ${QTY}> limits = 1; map<string, ${QTY}> requests = 2; repeated ResourceClaim claims = 3; }
message ResourceStatus { optional string name = 1; repeated ResourceHealth resources = 2; }
message SELinuxOptions { optional string user = 1; optional string role = 2; optional string type = 3; optional string level = 4; }
message SeccompProfile { optional string type = 1; optional string localhostProfile = 2; }
message Secret { optional ${META}.ObjectMeta metadata = 1; optional bool immutable = 5; map<string, bytes> data = 2; map<string, string> stringData = 4; optional string type = 3; }
message SecretEnvSource { optional LocalObjectReference localObjectReference = 1; optional bool optional = 2; }
message SecretKeySelector { optional LocalObjectReference localObjectReference = 1; optional string key = 2; optional bool optional = 3; }
message SecretProjection { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2; optional bool optional = 4; }
message SecretVolumeSource { optional string secretName = 1; repeated KeyToPath items = 2; optional int32 defaultMode = 3; optional bool optional = 4; }
message SecurityContext { optional Capabilities capabilities = 1; optional bool privileged = 2; optional SELinuxOptions seLinuxOptions = 3; optional WindowsSecurityContextOptions windowsOptions = 10; optional int64 runAsUser = 4; optional int64 runAsGroup = 8; optional bool runAsNonRoot = 5; optional bool readOnlyRootFilesystem = 6; optional bool allowPrivilegeEscalation = 7; optional string procMount = 9; optional SeccompProfile seccompProfile = 11; optional AppArmorProfile appArmorProfile = 12; }
message Service { optional ${META}.ObjectMeta metadata = 1; optional ServiceSpec spec = 2; optional ServiceStatus status = 3; }
message ServiceAccount { optional ${META}.ObjectMeta metadata = 1; repeated ObjectReference secrets = 2; repeated LocalObjectReference imagePullSecrets = 3; optional bool automountServiceAccountToken = 4; }
message ServiceAccountTokenProjection { optional string audience = 1; optional int64 expirationSeconds = 2; optional string path = 3; }
message ServicePort { optional string name = 1; optional string protocol = 2; optional string appProtocol = 6; optional int32 port = 3; optional ${INTSTR} targetPort = 4; optional int32 nodePort = 5; }
message ServiceSpec { repeated ServicePort ports = 1; map<string, string> selector = 2; optional string clusterIP = 3; repeated string clusterIPs = 18; optional string type = 4; repeated string externalIPs = 5; optional string sessionAffinity = 7; optional string loadBalancerIP = 8; repeated string loadBalancerSourceRanges = 9; optional string externalName = 10; optional string externalTrafficPolicy = 11; optional int32 healthCheckNodePort = 12; optional bool publishNotReadyAddresses = 13; optional SessionAffinityConfig sessionAffinityConfig = 14; repeated string ipFamilies = 19; optional string ipFamilyPolicy = 17; optional bool allocateLoadBalancerNodePorts = 20; optional string loadBalancerClass = 21; optional string internalTrafficPolicy = 22; optional string trafficDistribution = 23; }
message ServiceStatus { optional LoadBalancerStatus loadBalancer = 1; repeated ${META}.Condition conditions = 2; }
message SessionAffinityConfig { optional ClientIPConfig clientIP = 1; }
message SleepAction { optional int64 seconds = 1; }
message Sysctl { optional string name = 1; optional string value = 2; }
message TCPSocketAction { optional ${INTSTR} port = 1; optional string host = 2; }
message Taint { optional string key = 1; optional string value = 2; optional string effect = 3; optional ${META}.Time timeAdded = 4; }
message Toleration { optional string key = 1; optional string operator = 2; optional string value = 3; optional string effect = 4; optional int64 tolerationSeconds = 5; }
message TopologySpreadConstraint { optional int32 maxSkew = 1; optional string topologyKey = 2; optional string whenUnsatisfiable = 3; optional ${META}.LabelSelector labelSelector = 4; optional int32 minDomains = 5; optional string nodeAffinityPolicy = 6; optional string nodeTaintsPolicy = 7; repeated string matchLabelKeys = 8; }
message Volume { optional string name = 1; optional VolumeSource volumeSource = 2; }
message VolumeDevice { optional string name = 1; optional string devicePath = 2; }
message VolumeMount { optional string name = 1; optional bool readOnly = 2; optional string recursiveReadOnly = 7; optional string mountPath = 3; optional string subPath = 4; optional string mountPropagation = 5; optional string subPathExpr = 6; }
message VolumeMountStatus { optional string name = 1; optional string mountPath = 2; optional bool readOnly = 3; optional string recursiveReadOnly = 4; }
message VolumeProjection { optional SecretProjection secret = 1; optional DownwardAPIProjection downwardAPI = 2; optional ConfigMapProjection configMap = 3; optional ServiceAccountTokenProjection serviceAccountToken = 4; optional ClusterTrustBundleProjection clusterTrustBundle = 5; }
message VolumeSource { optional HostPathVolumeSource hostPath = 1; optional EmptyDirVolumeSource emptyDir = 2; optional SecretVolumeSource secret = 6; optional NFSVolumeSource nfs = 7; optional PersistentVolumeClaimVolumeSource persistentVolumeClaim = 10; optional DownwardAPIVolumeSource downwardAPI = 16; optional ConfigMapVolumeSource configMap = 19; optional ProjectedVolumeSource projected = 26; optional CSIVolumeSource csi = 28; optional ImageVolumeSource image = 30; }
message WeightedPodAffinityTerm { optional int32 weight = 1; optional PodAffinityTerm podAffinityTerm = 2; }
message WindowsSecurityContextOptions { optional string gmsaCredentialSpecName = 1; optional string gmsaCredentialSpec = 2; optional string runAsUserName = 3; optional bool hostProcess = 4; }`,

  `syntax = "proto2"; package k8s.io.api.apps.v1;
message Deployment { optional ${META}.ObjectMeta metadata = 1; optional DeploymentSpec spec = 2; optional DeploymentStatus status = 3; }
message DeploymentCondition { optional string type = 1; optional string status = 2; optional ${META}.Time lastUpdateTime = 6; optional ${META}.Time lastTransitionTime = 7; optional string reason = 4; optional string message = 5; }
message DeploymentSpec { optional int32 replicas = 1; optional ${META}.LabelSelector selector = 2; optional ${CORE}.PodTemplateSpec template = 3; optional DeploymentStrategy strategy = 4; optional int32 minReadySeconds = 5; optional int32 revisionHistoryLimit = 6; optional bool paused = 7; optional int32 progressDeadlineSeconds = 9; }
message DeploymentStatus { optional int64 observedGeneration = 1; optional int32 replicas = 2; optional int32 updatedReplicas = 3; optional int32 readyReplicas = 7; optional int32 availableReplicas = 4; optional int32 unavailableReplicas = 5; repeated DeploymentCondition conditions = 6; optional int32 collisionCount = 8; }
message DeploymentStrategy { optional string type = 1; optional RollingUpdateDeployment rollingUpdate = 2; }
message ReplicaSet { optional ${META}.ObjectMeta metadata = 1; optional ReplicaSetSpec spec = 2; optional ReplicaSetStatus status = 3; }
message ReplicaSetCondition { optional string type = 1; optional string status = 2; optional ${META}.Time lastTransitionTime = 3; optional string reason = 4; optional string message = 5; }
message ReplicaSetSpec { optional int32 replicas = 1; optional int32 minReadySeconds = 4; optional ${META}.LabelSelector selector = 2; optional ${CORE}.PodTemplateSpec template = 3; }
message ReplicaSetStatus { optional int32 replicas = 1; optional int32 fullyLabeledReplicas = 2; optional int32 readyReplicas = 4; optional int32 availableReplicas = 5; optional int64 observedGeneration = 3; repeated ReplicaSetCondition conditions = 6; }
message RollingUpdateDeployment { optional ${INTSTR} maxUnavailable = 1; optional ${INTSTR} maxSurge = 2; }
message DaemonSet { optional ${META}.ObjectMeta metadata = 1; optional DaemonSetSpec spec = 2; optional DaemonSetStatus status = 3; }
message DaemonSetCondition { optional string type = 1; optional string status = 2; optional ${META}.Time lastTransitionTime = 3; optional string reason = 4; optional string message = 5; }
message DaemonSetSpec { optional ${META}.LabelSelector selector = 1; optional ${CORE}.PodTemplateSpec template = 2; optional DaemonSetUpdateStrategy updateStrategy = 3; optional int32 minReadySeconds = 4; optional int32 revisionHistoryLimit = 6; }
message DaemonSetStatus { optional int32 currentNumberScheduled = 1; optional int32 numberMisscheduled = 2; optional int32 desiredNumberScheduled = 3; optional int32 numberReady = 4; optional int64 observedGeneration = 5; optional int32 updatedNumberScheduled = 6; optional int32 numberAvailable = 7; optional int32 numberUnavailable = 8; optional int32 collisionCount = 9; repeated DaemonSetCondition conditions = 10; }
message DaemonSetUpdateStrategy { optional string type = 1; optional RollingUpdateDaemonSet rollingUpdate = 2; }
message RollingUpdateDaemonSet { optional ${INTSTR} maxUnavailable = 1; optional ${INTSTR} maxSurge = 2; }`,

  `syntax = "proto2"; package k8s.io.api.batch.v1;
message Job { optional ${META}.ObjectMeta metadata = 1; optional JobSpec spec = 2; optional JobStatus status = 3; }
message JobCondition { optional string type = 1; optional string status = 2; optional ${META}.Time lastProbeTime = 3; optional ${META}.Time lastTransitionTime = 4; optional string reason = 5; optional string message = 6; }
message JobSpec { optional int32 parallelism = 1; optional int32 completions = 2; optional int64 activeDeadlineSeconds = 3; optional PodFailurePolicy podFailurePolicy = 11; optional SuccessPolicy successPolicy = 16; optional int32 backoffLimit = 7; optional int32 backoffLimitPerIndex = 12; optional int32 maxFailedIndexes = 13; optional ${META}.LabelSelector selector = 4; optional bool manualSelector = 5; optional ${CORE}.PodTemplateSpec template = 6; optional int32 ttlSecondsAfterFinished = 8; optional string completionMode = 9; optional bool suspend = 10; optional string podReplacementPolicy = 14; optional string managedBy = 15; }
message JobStatus { repeated JobCondition conditions = 1; optional ${META}.Time startTime = 2; optional ${META}.Time completionTime = 3; optional int32 active = 4; optional int32 succeeded = 5; optional int32 failed = 6; optional int32 terminating = 11; optional string completedIndexes = 7; optional string failedIndexes = 10; optional UncountedTerminatedPods uncountedTerminatedPods = 8; optional int32 ready = 9; }
message PodFailurePolicy { repeated PodFailurePolicyRule rules = 1; }
message PodFailurePolicyOnExitCodesRequirement { optional string containerName = 1; optional string operator = 2; repeated int32 values = 3; }
message PodFailurePolicyOnPodConditionsPattern { optional string type = 1; optional string status = 2; }
message PodFailurePolicyRule { optional string action = 1; optional PodFailurePolicyOnExitCodesRequirement onExitCodes = 2; repeated PodFailurePolicyOnPodConditionsPattern onPodConditions = 3; }
message SuccessPolicy { repeated SuccessPolicyRule rules = 1; }
message SuccessPolicyRule { optional string succeededIndexes = 1; optional int32 succeededCount = 2; }
message UncountedTerminatedPods { repeated string succeeded = 1; repeated string failed = 2; }`,

  `syntax = "proto2"; package k8s.io.api.discovery.v1;
message Endpoint { repeated string addresses = 1; optional EndpointConditions conditions = 2; optional string hostname = 3; optional ${CORE}.ObjectReference targetRef = 4; map<string, string> deprecatedTopology = 5; optional string nodeName = 6; optional string zone = 7; optional EndpointHints hints = 8; }
message EndpointConditions { optional bool ready = 1; optional bool serving = 2; optional bool terminating = 3; }
message EndpointHints { repeated ForZone forZones = 1; repeated ForNode forNodes = 2; }
message EndpointPort { optional string name = 1; optional string protocol = 2; optional int32 port = 3; optional string appProtocol = 4; }
message EndpointSlice { optional ${META}.ObjectMeta metadata = 1; optional string addressType = 4; repeated Endpoint endpoints = 2; repeated EndpointPort ports = 3; }
message ForNode { optional string name = 1; }
message ForZone { optional string name = 1; }`,

  `syntax = "proto2"; package k8s.io.api.autoscaling.v1;
message Scale { optional ${META}.ObjectMeta metadata = 1; optional ScaleSpec spec = 2; optional ScaleStatus status = 3; }
message ScaleSpec { optional int32 replicas = 1; }
message ScaleStatus { optional int32 replicas = 1; optional string selector = 2; }`,

  `syntax = "proto2"; package k8s.io.api.policy.v1;
message Eviction { optional ${META}.ObjectMeta metadata = 1; optional ${META}.DeleteOptions deleteOptions = 2; }`,

  `syntax = "proto2"; package k8s.io.api.authorization.v1;
message ExtraValue { repeated string items = 1; }
message FieldSelectorAttributes { optional string rawSelector = 1; repeated ${META}.FieldSelectorRequirement requirements = 2; }
message LabelSelectorAttributes { optional string rawSelector = 1; repeated ${META}.LabelSelectorRequirement requirements = 2; }
message LocalSubjectAccessReview { optional ${META}.ObjectMeta metadata = 1; optional SubjectAccessReviewSpec spec = 2; optional SubjectAccessReviewStatus status = 3; }
message NonResourceAttributes { optional string path = 1; optional string verb = 2; }
message ResourceAttributes { optional string namespace = 1; optional string verb = 2; optional string group = 3; optional string version = 4; optional string resource = 5; optional string subresource = 6; optional string name = 7; optional FieldSelectorAttributes fieldSelector = 8; optional LabelSelectorAttributes labelSelector = 9; }
message SelfSubjectAccessReview { optional ${META}.ObjectMeta metadata = 1; optional SelfSubjectAccessReviewSpec spec = 2; optional SubjectAccessReviewStatus status = 3; }
message SelfSubjectAccessReviewSpec { optional ResourceAttributes resourceAttributes = 1; optional NonResourceAttributes nonResourceAttributes = 2; }
message SubjectAccessReview { optional ${META}.ObjectMeta metadata = 1; optional SubjectAccessReviewSpec spec = 2; optional SubjectAccessReviewStatus status = 3; }
message SubjectAccessReviewSpec { optional ResourceAttributes resourceAttributes = 1; optional NonResourceAttributes nonResourceAttributes = 2; optional string user = 3; repeated string groups = 4; map<string, ExtraValue> extra = 5; optional string uid = 6; }
message SubjectAccessReviewStatus { optional bool allowed = 1; optional bool denied = 4; optional string reason = 2; optional string evaluationError = 3; }`,
];

function buildRoot(): protobuf.Root {
  const root = new protobuf.Root();
  for (const src of SOURCES) protobuf.parse(src, root, { keepCase: true });
  root.resolveAll();
  return root;
}

export const root: protobuf.Root = buildRoot();

/** Full protobuf message name for each served `apiVersion/kind`. */
export const KINDS: Readonly<Record<string, string>> = {
  'v1/Pod': 'k8s.io.api.core.v1.Pod',
  'v1/Service': 'k8s.io.api.core.v1.Service',
  'v1/Endpoints': 'k8s.io.api.core.v1.Endpoints',
  'v1/Node': 'k8s.io.api.core.v1.Node',
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/Event': 'k8s.io.api.core.v1.Event',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  // DeleteOptions is registered in every group version upstream; these are the ones kubespec serves.
  'v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'meta.k8s.io/v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'apps/v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'batch/v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'apps/v1/ReplicaSet': 'k8s.io.api.apps.v1.ReplicaSet',
  'apps/v1/DaemonSet': 'k8s.io.api.apps.v1.DaemonSet',
  'batch/v1/Job': 'k8s.io.api.batch.v1.Job',
  'discovery.k8s.io/v1/EndpointSlice': 'k8s.io.api.discovery.v1.EndpointSlice',
  'autoscaling/v1/Scale': 'k8s.io.api.autoscaling.v1.Scale',
  'policy/v1/Eviction': 'k8s.io.api.policy.v1.Eviction',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SubjectAccessReview': 'k8s.io.api.authorization.v1.SubjectAccessReview',
  'authorization.k8s.io/v1/LocalSubjectAccessReview': 'k8s.io.api.authorization.v1.LocalSubjectAccessReview',
};

/**
 * Go structs embedded with `json:",inline"`: on the wire they are a nested message, in JSON their
 * fields sit in the parent. Keys are `<short message name>.<field>` (see shortName in index.ts).
 */
export const INLINE: ReadonlySet<string> = new Set([
  'core.v1.ConfigMapEnvSource.localObjectReference',
  'core.v1.ConfigMapKeySelector.localObjectReference',
  'core.v1.ConfigMapProjection.localObjectReference',
  'core.v1.ConfigMapVolumeSource.localObjectReference',
  'core.v1.SecretEnvSource.localObjectReference',
  'core.v1.SecretKeySelector.localObjectReference',
  'core.v1.SecretProjection.localObjectReference',
  'core.v1.Probe.handler',
  'core.v1.Volume.volumeSource',
]);

/**
 * Scalars whose zero value Go's JSON still prints: pointer fields (`*int32`, `*bool`, `*string`:
 * the proto marshaller writes them only when set, so presence means "set") and value fields
 * without `omitempty`. Every other scalar is a Go value with `omitempty`, which gogo-proto
 * writes even when zero and encoding/json then drops - so a zero there means "unset".
 */
const KEEP_ZERO_LIST: Record<string, string[]> = {
  'core.v1.AppArmorProfile': ['type', 'localhostProfile'],
  'core.v1.AttachedVolume': ['name', 'devicePath'],
  'core.v1.ClientIPConfig': ['timeoutSeconds'],
  'core.v1.ClusterTrustBundleProjection': ['name', 'signerName', 'optional', 'path'],
  'core.v1.ConfigMap': ['immutable'],
  'core.v1.ConfigMapEnvSource': ['optional'],
  'core.v1.ConfigMapKeySelector': ['key', 'optional'],
  'core.v1.ConfigMapProjection': ['optional'],
  'core.v1.ConfigMapVolumeSource': ['defaultMode', 'optional'],
  'core.v1.Container': ['name', 'restartPolicy'],
  'core.v1.ContainerPort': ['containerPort'],
  'core.v1.ContainerResizePolicy': ['resourceName', 'restartPolicy'],
  'core.v1.ContainerRestartRule': ['action'],
  'core.v1.ContainerRestartRuleOnExitCodes': ['operator'],
  'core.v1.ContainerStateTerminated': ['exitCode'],
  'core.v1.ContainerStatus': ['name', 'ready', 'restartCount', 'image', 'imageID', 'started', 'stopSignal'],
  'core.v1.DaemonEndpoint': ['Port'],
  'core.v1.DownwardAPIVolumeFile': ['path', 'mode'],
  'core.v1.DownwardAPIVolumeSource': ['defaultMode'],
  'core.v1.EndpointAddress': ['ip', 'nodeName'],
  'core.v1.EndpointPort': ['port', 'appProtocol'],
  'core.v1.EnvVar': ['name'],
  'core.v1.FileKeySelector': ['volumeName', 'path', 'key', 'optional'],
  'core.v1.GRPCAction': ['port', 'service'],
  'core.v1.HTTPHeader': ['name', 'value'],
  'core.v1.HostAlias': ['ip'],
  'core.v1.HostIP': ['ip'],
  'core.v1.HostPathVolumeSource': ['path', 'type'],
  'core.v1.KeyToPath': ['key', 'path', 'mode'],
  'core.v1.Lifecycle': ['stopSignal'],
  'core.v1.LinuxContainerUser': ['uid', 'gid'],
  'core.v1.LoadBalancerIngress': ['ipMode'],
  'core.v1.NamespaceCondition': ['type', 'status'],
  'core.v1.NodeAddress': ['type', 'address'],
  'core.v1.NodeCondition': ['type', 'status'],
  'core.v1.NodeFeatures': ['supplementalGroupsPolicy'],
  'core.v1.NodeRuntimeHandlerFeatures': ['recursiveReadOnlyMounts', 'userNamespaces'],
  'core.v1.NodeSelectorRequirement': ['key', 'operator'],
  'core.v1.NodeSwapStatus': ['capacity'],
  'core.v1.NodeSystemInfo': ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion', 'kubeletVersion', 'kubeProxyVersion', 'operatingSystem', 'architecture'],
  'core.v1.ObjectFieldSelector': ['fieldPath'],
  'core.v1.PersistentVolumeClaimVolumeSource': ['claimName'],
  'core.v1.PodAffinityTerm': ['topologyKey'],
  'core.v1.PodCondition': ['type', 'status'],
  'core.v1.PodDNSConfigOption': ['value'],
  'core.v1.PodIP': ['ip'],
  'core.v1.PodOS': ['name'],
  'core.v1.PodReadinessGate': ['conditionType'],
  'core.v1.PodResourceClaim': ['name', 'resourceClaimName', 'resourceClaimTemplateName'],
  'core.v1.PodResourceClaimStatus': ['name', 'resourceClaimName'],
  'core.v1.PodSchedulingGate': ['name'],
  'core.v1.PodSecurityContext': ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'fsGroupChangePolicy', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'],
  'core.v1.PodSpec': ['terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken', 'shareProcessNamespace', 'priority', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'setHostnameAsFQDN', 'hostUsers', 'hostnameOverride'],
  'core.v1.PortStatus': ['port', 'protocol', 'error'],
  'core.v1.PreferredSchedulingTerm': ['weight'],
  'core.v1.Probe': ['terminationGracePeriodSeconds'],
  'core.v1.ResourceClaim': ['name'],
  'core.v1.ResourceFieldSelector': ['resource'],
  'core.v1.ResourceHealth': ['resourceID'],
  'core.v1.ResourceStatus': ['name'],
  'core.v1.SeccompProfile': ['type', 'localhostProfile'],
  'core.v1.Secret': ['immutable'],
  'core.v1.SecretEnvSource': ['optional'],
  'core.v1.SecretKeySelector': ['key', 'optional'],
  'core.v1.SecretProjection': ['optional'],
  'core.v1.SecretVolumeSource': ['defaultMode', 'optional'],
  'core.v1.SecurityContext': ['privileged', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount'],
  'core.v1.ServiceAccount': ['automountServiceAccountToken'],
  'core.v1.ServiceAccountTokenProjection': ['path', 'expirationSeconds'],
  'core.v1.ServicePort': ['port', 'appProtocol'],
  'core.v1.ServiceSpec': ['allocateLoadBalancerNodePorts', 'ipFamilyPolicy', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution'],
  'core.v1.SleepAction': ['seconds'],
  'core.v1.Sysctl': ['name', 'value'],
  'core.v1.Taint': ['key', 'effect'],
  'core.v1.Toleration': ['tolerationSeconds'],
  'core.v1.TopologySpreadConstraint': ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy'],
  'core.v1.Volume': ['name'],
  'core.v1.VolumeDevice': ['name', 'devicePath'],
  'core.v1.VolumeMount': ['name', 'mountPath', 'mountPropagation', 'recursiveReadOnly'],
  'core.v1.VolumeMountStatus': ['name', 'mountPath', 'recursiveReadOnly'],
  'core.v1.WeightedPodAffinityTerm': ['weight'],
  'core.v1.WindowsSecurityContextOptions': ['gmsaCredentialSpecName', 'gmsaCredentialSpec', 'runAsUserName', 'hostProcess'],
  'meta.v1.Condition': ['type', 'status', 'reason', 'message'],
  'meta.v1.DeleteOptions': ['gracePeriodSeconds', 'orphanDependents', 'propagationPolicy'],
  'meta.v1.FieldSelectorRequirement': ['key', 'operator'],
  'meta.v1.LabelSelectorRequirement': ['key', 'operator'],
  'meta.v1.ListMeta': ['remainingItemCount'],
  'meta.v1.ObjectMeta': ['deletionGracePeriodSeconds'],
  'meta.v1.OwnerReference': ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'],
  'meta.v1.Preconditions': ['uid', 'resourceVersion'],
  'apps.v1.DeploymentCondition': ['type', 'status'],
  'apps.v1.DeploymentSpec': ['replicas', 'revisionHistoryLimit', 'progressDeadlineSeconds'],
  'apps.v1.DeploymentStatus': ['collisionCount'],
  'apps.v1.ReplicaSetCondition': ['type', 'status'],
  'apps.v1.ReplicaSetSpec': ['replicas'],
  'apps.v1.ReplicaSetStatus': ['replicas'],
  'apps.v1.DaemonSetCondition': ['type', 'status'],
  'apps.v1.DaemonSetSpec': ['revisionHistoryLimit'],
  'apps.v1.DaemonSetStatus': ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'],
  'batch.v1.JobCondition': ['type', 'status'],
  'batch.v1.JobSpec': ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'manualSelector', 'ttlSecondsAfterFinished', 'completionMode', 'suspend', 'podReplacementPolicy', 'managedBy'],
  'batch.v1.JobStatus': ['ready', 'terminating'],
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': ['containerName', 'operator'],
  'batch.v1.PodFailurePolicyOnPodConditionsPattern': ['type', 'status'],
  'batch.v1.PodFailurePolicyRule': ['action'],
  'batch.v1.SuccessPolicyRule': ['succeededIndexes', 'succeededCount'],
  'discovery.v1.Endpoint': ['hostname', 'nodeName', 'zone'],
  'discovery.v1.EndpointConditions': ['ready', 'serving', 'terminating'],
  'discovery.v1.EndpointPort': ['name', 'protocol', 'port', 'appProtocol'],
  'discovery.v1.EndpointSlice': ['addressType'],
  'discovery.v1.ForNode': ['name'],
  'discovery.v1.ForZone': ['name'],
  'autoscaling.v1.ScaleStatus': ['replicas'],
  'authorization.v1.SubjectAccessReviewStatus': ['allowed'],
};

export const KEEP_ZERO: ReadonlySet<string> = new Set(
  Object.entries(KEEP_ZERO_LIST).flatMap(([msg, fields]) => fields.map((f) => `${msg}.${f}`)),
);

/** Repeated fields without `omitempty`: a nil Go slice prints as `null`, so absence becomes null. */
export const NULL_WHEN_ABSENT: ReadonlySet<string> = new Set([
  'core.v1.ContainerImage.names',
  'core.v1.NodeSelector.nodeSelectorTerms',
  'discovery.v1.Endpoint.addresses',
  'discovery.v1.EndpointSlice.endpoints',
  'discovery.v1.EndpointSlice.ports',
]);
