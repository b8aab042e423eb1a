a
%{~ if admin ~}
  yes
%{~ else ~}
  no
%{~ endif ~}
  b
