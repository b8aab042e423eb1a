statements:
%{ for a in actions ~}
  - action: ${a}
    resource: "*"
%{ endfor ~}
