META
key;value
description;"Tiny test; with a semicolon"
country;Denmark
unit;Aarhus
instance;2026
num_projects;3
num_votes;4
budget;1000.50
vote_type;approval
rule;greedy
currency;DKK
min_length;1
max_length;2
PROJECTS
project_id;cost;votes;name;category;selected
p1;500.25;3;"Bænke ved ""Søen""";park,green;1
p2;400;2;Legeplads;children;1
p3;300.5;1;"Lys; stier";;0
VOTES
voter_id;vote;age
1;p1,p2;30
2;p1;41
3;"p1,p3";
4;p2;25
