[%{ for i, a in actions }"${a}"%{ if i != length(actions) - 1 },%{ endif }%{ endfor }]
%{ if admin ~} admin %{~ endif ~}

end