/** The seed's example request_image body, as strict JSON, with the caller's own instance and provider. */
export const seedRequestBody = (instance: string, provider: number, name = "My analysis image") => ({
  name,
  instance,
  ip_address: "127.0.0.1",
  provider,
  description: "I would like to request an image of this instance for [reasons].",
  software: "Description of software installed on the machine.",
  sys: "I'm not sure what this field means.",
  exclude: "I do not need any files excluded from the image.",
  tags: ["ESD", "BGF", "apache2", "SpliceGrapher"],
  vis: "public",
});
