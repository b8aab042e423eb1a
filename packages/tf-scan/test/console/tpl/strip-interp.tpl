k = [
  ${~ join(", ", actions) ~}
]
%{ for a in actions ~}   ${a}   %{~ endfor }
