%{ for k, v in tags ~}
%{ if length(v) > 1 ~}
${k} many
%{ else ~}
${k} one
%{ endif ~}
%{ endfor ~}
