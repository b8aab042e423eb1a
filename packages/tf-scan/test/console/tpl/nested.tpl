{
%{ for k, v in tags ~}
  "${k}": [%{ for i, x in v }${jsonencode(x)}%{ if i + 1 < length(v) }, %{ endif }%{ endfor }]
%{ endfor ~}
}
