a

  %{~ if admin ~}  

  x  
  %{~ endif ~}  

b
