[%{ if admin }
  "*"
%{~ else ~}
  ${join(", ", [for a in actions : ""${a}""])}
%{~ endif }
]