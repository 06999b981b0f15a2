{{/* Names and labels shared by every template. */}}

{{- define "jindu.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one service's objects: <fullname>-<service>. Call with (dict "root" $ "name" "casework"). */}}
{{- define "jindu.serviceName" -}}
{{- printf "%s-%s" (include "jindu.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "jindu.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: jindu
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one service. Call with (dict "root" $ "name" "casework"). */}}
{{- define "jindu.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "jindu.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "jindu.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* One service's settings: the chart-wide defaults overlaid with its own entry. */}}
{{- define "jindu.serviceValues" -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .service) -}}
{{- toYaml $merged -}}
{{- end -}}

{{- define "jindu.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- printf "%s%s%s:%s" .root.Values.image.registry .root.Values.image.repositoryPrefix .name $tag -}}
{{- end -}}

{{- define "jindu.tlsSecret" -}}
{{- replace "{service}" .name .root.Values.tls.secretNameTemplate -}}
{{- end -}}

{{/* The grace period: preStop sleep + drain delay + drain timeout + margin (values.yaml, shutdown). */}}
{{- define "jindu.terminationGracePeriod" -}}
{{- $s := .Values.shutdown -}}
{{- add $s.preStopSeconds $s.drainDelaySeconds $s.drainTimeoutSeconds $s.shutdownMarginSeconds -}}
{{- end -}}

{{/* Refuses values that would deploy something broken, with a message naming the value. */}}
{{- define "jindu.validate" -}}
{{- if not .Values.kafka.bootstrap }}{{ fail "kafka.bootstrap is required (host:port of the Kafka brokers)" }}{{ end -}}
{{- if not .Values.redis.address }}{{ fail "redis.address is required (host:port; every service checks it, reporting uses it)" }}{{ end -}}
{{- if not .Values.jwt.existingSecret }}{{ fail "jwt.existingSecret is required (the Secret with callers' JWT public keys)" }}{{ end -}}
{{- if and .Values.tls.requireClientCertificates (not .Values.tls.enabled) }}{{ fail "tls.requireClientCertificates needs tls.enabled" }}{{ end -}}
{{- if not (has .Values.authorizationSource (list "grants" "claims")) }}{{ fail "authorizationSource must be grants or claims" }}{{ end -}}
{{- end -}}
