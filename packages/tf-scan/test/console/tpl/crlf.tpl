line1
%{ for a in actions ~}
${a}
%{ endfor ~}
end