$${literal} %%{ not a directive } ${"quoted"} ${upper(name)}
