%{ for a in actions ~}
  "${a}",
%{ endfor ~}
end
